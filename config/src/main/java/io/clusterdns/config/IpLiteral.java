package io.clusterdns.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.xbill.DNS.Address;

/**
 * IP address literals, parsed without ever asking a resolver (which {@link
 * InetAddress#getByName} does for anything it does not recognise). The one parser of addresses
 * the project uses: Corefile keys, plugin options, hosts files and Kubernetes objects.
 */
public final class IpLiteral {
  private IpLiteral() {}

  /**
   * The address written in {@code text}: an IPv4 dotted quad or an IPv6 address, whose zone
   * ({@code %eth0}) is dropped. An IPv4-mapped IPv6 literal comes back as an {@link
   * java.net.Inet4Address}, as Go treats it. Empty for null, empty or anything else.
   */
  public static Optional<InetAddress> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int zone = text.indexOf('%');
    return bytes(zone >= 0 ? text.substring(0, zone) : text).map(bytes -> {
      try {
        return InetAddress.getByAddress(bytes);
      } catch (UnknownHostException e) {
        throw new IllegalStateException("4 or 16 bytes are an address", e);
      }
    });
  }

  /**
   * The bytes of the address as written: 4 for a dotted quad, 16 for IPv6 (also for an
   * IPv4-mapped one, whose network prefixes count in IPv6 bits). Empty for anything else,
   * including an IPv6 zone.
   */
  public static Optional<byte[]> bytes(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = Address.toByteArray(text, Address.IPv4);
    if (bytes == null) {
      bytes = Address.toByteArray(text, Address.IPv6);
    }
    return Optional.ofNullable(bytes);
  }
}
