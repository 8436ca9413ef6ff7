package io.clusterdns.testing;

import io.clusterdns.config.IpLiteral;

/** Checks IP literals given to the builders, so a typo fails where it is written. */
final class Addresses {
  private Addresses() {}

  static String checked(String ip) {
    if (ip == null || IpLiteral.parse(ip).isEmpty()) {
      throw new IllegalArgumentException("not an IPv4 or IPv6 address: '" + ip + "'");
    }
    return ip;
  }

  static boolean isIpv6(String ip) {
    return ip.indexOf(':') >= 0;
  }
}
