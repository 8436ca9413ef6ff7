package io.clusterdns.plugin.log;

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
    byte[] bytes = address.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    out.append('[');
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (i > 0 && i != bestStart + bestLength) {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    out.append(']');
  }
}
