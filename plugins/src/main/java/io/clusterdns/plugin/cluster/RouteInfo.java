package io.clusterdns.plugin.cluster;

import java.util.List;

/**
 * What DNS needs of one HTTPRoute, TLSRoute or GRPCRoute.
 *
 * @param kind {@code HTTPRoute}, {@code TLSRoute} or {@code GRPCRoute}
 * @param namespace lower case
 * @param name lower case
 * @param hostnames {@code spec.hostnames}, lower case
 * @param gateways the keys ({@code namespace/name}) of the Gateways the route is attached to: its
 *     {@code spec.parentRefs} to Gateways that {@code status.parents} says accepted it; all of
 *     them when the route has no status yet (hand-written manifests have no controller)
 */
public record RouteInfo(
    String kind, String namespace, String name, List<String> hostnames, List<String> gateways) {
  public RouteInfo {
    hostnames = List.copyOf(hostnames);
    gateways = List.copyOf(gateways);
  }

  public String key() {
    return kind + "/" + ClusterSnapshot.key(namespace, name);
  }
}
