package io.clusterdns.plugin.cluster;

import io.clusterdns.plugin.Ipv6Text;
import java.net.Inet4Address;
import java.net.InetAddress;

/** The DNS label an endpoint is known by in {@code <endpoint>.<svc>.<ns>.svc.<zone>}. */
public final class EndpointNames {
  private static final int MAX_LABEL = 63;

  private EndpointNames() {}

  /**
   * The endpoint's hostname; else, with {@code endpoint_pod_names}, its Pod's name when that fits
   * a label; else its address with dashes.
   */
  public static String of(EndpointInfo endpoint, boolean usePodNames) {
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
    String dashed = Ipv6Text.compressed(address.getAddress()).replace(':', '-');
    return dashed.endsWith("-") ? dashed + "0" : dashed;
  }
}
