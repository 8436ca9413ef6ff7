package io.clusterdns.plugin.log;

import io.clusterdns.plugin.Ipv6Text;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Writes an IP address as Go does: dotted IPv4, and IPv6 in the shortest RFC 5952 form in
 * brackets ({@code [::1]}), which is how CoreDNS's {@code {remote}} reads.
 */
final class AddressText {
  private AddressText() {}

  static void append(StringBuilder out, InetAddress address) {
    if (address instanceof Inet4Address) {
      out.append(address.getHostAddress());
      return;
    }
    out.append('[').append(Ipv6Text.compressed(address.getAddress())).append(']');
  }
}
