package io.clusterdns.plugin.cluster.source;

import io.clusterdns.plugin.cluster.GatewayInfo;
import io.clusterdns.plugin.cluster.IngressInfo;
import io.clusterdns.plugin.cluster.PodInfo;
import io.clusterdns.plugin.cluster.RouteInfo;
import io.clusterdns.plugin.cluster.ServiceInfo;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Converted objects of a cluster (or of one manifest file), keyed the way the API keys them.
 * Mutable and not thread-safe: its owner guards it. Equality covers the objects of the cluster
 * view only; Ingresses, Gateways and routes go to a {@link GatewayStore}, which compares them.
 */
final class ClusterObjects {
  final Map<String, ServiceInfo> services = new HashMap<>();
  final Map<String, SliceInfo> slices = new HashMap<>();
  final Set<String> namespaces = new HashSet<>();
  final Map<String, PodInfo> pods = new HashMap<>();
  final Map<String, IngressInfo> ingresses = new HashMap<>();
  final Map<String, GatewayInfo> gateways = new HashMap<>();
  final Map<String, RouteInfo> routes = new HashMap<>();

  void addAll(ClusterObjects other) {
    services.putAll(other.services);
    slices.putAll(other.slices);
    namespaces.addAll(other.namespaces);
    pods.putAll(other.pods);
    ingresses.putAll(other.ingresses);
    gateways.putAll(other.gateways);
    routes.putAll(other.routes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClusterObjects other
        && services.equals(other.services)
        && slices.equals(other.slices)
        && namespaces.equals(other.namespaces)
        && pods.equals(other.pods);
  }

  @Override
  public int hashCode() {
    return Objects.hash(services, slices, namespaces, pods);
  }
}
