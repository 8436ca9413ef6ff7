package io.clusterdns.plugin.cluster;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The endpoints of a Service as answers list them, from the endpoints of all its slices. */
final class EndpointMerge {
  private EndpointMerge() {}

  /** One endpoint with its address as text, made once for the sort instead of per comparison. */
  private record Keyed(int family, String text, EndpointInfo endpoint) implements Comparable<Keyed> {
    Keyed(EndpointInfo endpoint) {
      this(endpoint.address().getAddress().length, endpoint.address().getHostAddress(), endpoint);
    }

    @Override
    public int compareTo(Keyed other) {
      return family != other.family ? Integer.compare(family, other.family) : text.compareTo(other.text);
    }
  }

  /**
   * One endpoint per address (the first of each address, with the ports of all and the first
   * hostname, Pod name and zone any of them has), IPv4 before IPv6, each family in the order of
   * the addresses as text.
   */
  static List<EndpointInfo> merge(Collection<EndpointInfo> raw) {
    if (raw.isEmpty()) {
      return List.of();
    }
    Map<InetAddress, Integer> firstAt = new HashMap<>(raw.size() * 4 / 3 + 1);
    List<EndpointInfo> distinct = new ArrayList<>(raw.size());
    for (EndpointInfo e : raw) {
      Integer at = firstAt.putIfAbsent(e.address(), distinct.size());
      if (at == null) {
        distinct.add(e);
      } else {
        distinct.set(at, merged(distinct.get(at), e));
      }
    }
    Keyed[] keyed = new Keyed[distinct.size()];
    for (int i = 0; i < keyed.length; i++) {
      keyed[i] = new Keyed(distinct.get(i));
    }
    Arrays.sort(keyed);
    List<EndpointInfo> sorted = new ArrayList<>(keyed.length);
    for (Keyed k : keyed) {
      sorted.add(k.endpoint());
    }
    return sorted;
  }

  private static EndpointInfo merged(EndpointInfo seen, EndpointInfo e) {
    List<PortInfo> ports = new ArrayList<>(seen.ports());
    for (PortInfo p : e.ports()) {
      if (!ports.contains(p)) {
        ports.add(p);
      }
    }
    return new EndpointInfo(
        seen.address(),
        seen.hostname() != null ? seen.hostname() : e.hostname(),
        seen.podName() != null ? seen.podName() : e.podName(),
        seen.zone() != null ? seen.zone() : e.zone(),
        ports);
  }
}
