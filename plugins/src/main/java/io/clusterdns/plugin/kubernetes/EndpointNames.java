package io.clusterdns.plugin.kubernetes;

import io.clusterdns.plugin.kubernetes.view.EndpointInfo;
import java.net.Inet4Address;
import java.net.InetAddress;

/** The DNS label an endpoint is known by in {@code <endpoint>.<svc>.<ns>.svc.<zone>}. */
final class EndpointNames {
  private static final int MAX_LABEL = 63;

  private EndpointNames() {}

  /**
   * The endpoint's hostname; else, with {@code endpoint_pod_names}, its Pod's name when that fits
   * a label; else its address with dashes.
   */
  static String of(EndpointInfo endpoint, boolean usePodNames) {
    if (endpoint.hostname() != null && !endpoint.hostname().isEmpty()) {
      return endpoint.hostname();
    }
    if (usePodNames && endpoint.podName() != null && !endpoint.podName().isEmpty()
        && endpoint.podName().length() <= MAX_LABEL) {
      return endpoint.podName();
    }
    return dashed(endpoint.address());
  }

  /**
   * {@code 10.1.2.3 → 10-1-2-3}; IPv6 uses the compressed text form, so {@code 5678:abcd::1 →
   * 5678-abcd--1}, and a trailing dash gets a {@code 0} to stay a valid label end.
   */
  static String dashed(InetAddress address) {
    if (address instanceof Inet4Address) {
      return address.getHostAddress().replace('.', '-');
    }
    String dashed = compressedIpv6(address.getAddress()).replace(':', '-');
    return dashed.endsWith("-") ? dashed + "0" : dashed;
  }

  /** RFC 5952 text: lower-case hex, the first longest run of two or more zero groups as ::. */
  static String compressedIpv6(byte[] bytes) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = (bytes[2 * i] & 0xff) << 8 | (bytes[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 0;
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
    if (bestLength < 2) {
      bestStart = -1;
    }
    StringBuilder text = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }
}
