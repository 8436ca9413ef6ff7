package io.clusterdns.plugin.cluster.source;

import io.clusterdns.plugin.cluster.GatewayInfo;
import io.clusterdns.plugin.cluster.GatewaySnapshot;
import io.clusterdns.plugin.cluster.GatewayView;
import io.clusterdns.plugin.cluster.IngressInfo;
import io.clusterdns.plugin.cluster.RouteInfo;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The current Ingresses, Gateways and routes of one source. Every write that changes something
 * publishes a new {@link GatewaySnapshot} at once, before it returns, so that the source's
 * "synced" (every delivered object stored) also means "published". These objects are few beside
 * Services and endpoints, so each snapshot is made whole. Thread-safe.
 */
final class GatewayStore {
  private final GatewayView view;
  private final Clock clock;
  private final Map<String, IngressInfo> ingresses = new TreeMap<>();
  private final Map<String, GatewayInfo> gateways = new TreeMap<>();
  private final Map<String, RouteInfo> routes = new TreeMap<>();

  GatewayStore(GatewayView view, Clock clock) {
    this.view = view;
    this.clock = clock;
  }

  synchronized void putIngress(IngressInfo ingress) {
    changed(!Objects.equals(ingresses.put(ingress.key(), ingress), ingress));
  }

  synchronized void removeIngress(String key) {
    changed(ingresses.remove(key) != null);
  }

  synchronized void putGateway(GatewayInfo gateway) {
    changed(!Objects.equals(gateways.put(gateway.key(), gateway), gateway));
  }

  synchronized void removeGateway(String key) {
    changed(gateways.remove(key) != null);
  }

  synchronized void putRoute(RouteInfo route) {
    changed(!Objects.equals(routes.put(route.key(), route), route));
  }

  synchronized void removeRoute(String key) {
    changed(routes.remove(key) != null);
  }

  /** Replaces everything at once (a manifest reload); publishes only if something differs. */
  synchronized void replaceAll(ClusterObjects next) {
    if (ingresses.equals(next.ingresses) && gateways.equals(next.gateways) && routes.equals(next.routes)) {
      return;
    }
    ingresses.clear();
    ingresses.putAll(next.ingresses);
    gateways.clear();
    gateways.putAll(next.gateways);
    routes.clear();
    routes.putAll(next.routes);
    changed(true);
  }

  private void changed(boolean changed) {
    if (changed) {
      view.publish(
          new GatewaySnapshot(
              ingresses.values().stream().toList(),
              gateways.values().stream().toList(),
              routes.values().stream().toList(),
              clock.instant().getEpochSecond()));
    }
  }
}
