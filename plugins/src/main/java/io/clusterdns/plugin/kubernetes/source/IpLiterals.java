package io.clusterdns.plugin.kubernetes.source;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.Address;

/** Parses IP address literals without ever doing a name look-up. */
public final class IpLiterals {
  private IpLiterals() {}

  /** The address written in {@code text}, or null when it is not an IPv4 or IPv6 literal. */
  public static InetAddress parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return Address.getByAddress(text);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
