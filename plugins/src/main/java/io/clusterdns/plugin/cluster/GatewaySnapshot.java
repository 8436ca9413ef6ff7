package io.clusterdns.plugin.cluster;

import java.util.List;

/**
 * The Ingress and Gateway API objects of the cluster, each list ordered by key, swapped whole on
 * every change. Immutable.
 *
 * @param serial unix seconds of the last change, for the SOA serial of names made from them
 */
public record GatewaySnapshot(
    List<IngressInfo> ingresses, List<GatewayInfo> gateways, List<RouteInfo> routes, long serial) {
  public static final GatewaySnapshot EMPTY = new GatewaySnapshot(List.of(), List.of(), List.of(), 0);

  public GatewaySnapshot {
    ingresses = List.copyOf(ingresses);
    gateways = List.copyOf(gateways);
    routes = List.copyOf(routes);
  }
}
