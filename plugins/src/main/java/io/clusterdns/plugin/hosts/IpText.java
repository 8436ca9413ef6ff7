package io.clusterdns.plugin.hosts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.xbill.DNS.Address;

/** Parses IP literals without ever asking a resolver; an IPv6 zone ({@code %eth0}) is dropped. */
final class IpText {
  private IpText() {}

  static Optional<InetAddress> parse(String text) {
    int zone = text.indexOf('%');
    String literal = zone >= 0 ? text.substring(0, zone) : text;
    byte[] bytes = Address.toByteArray(literal, Address.IPv4);
    if (bytes == null) {
      bytes = Address.toByteArray(literal, Address.IPv6);
    }
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      // An IPv4-mapped IPv6 literal comes back as an Inet4Address, as Go treats it.
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
