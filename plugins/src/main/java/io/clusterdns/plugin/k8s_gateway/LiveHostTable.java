package io.clusterdns.plugin.k8s_gateway;

import io.clusterdns.plugin.kubernetes.view.ClusterSnapshot;
import io.clusterdns.plugin.kubernetes.view.ClusterView;
import io.clusterdns.plugin.kubernetes.view.GatewaySnapshot;
import io.clusterdns.plugin.kubernetes.view.GatewayView;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The host table of a cluster view and a gateway view, rebuilt whenever either publishes, in the
 * publisher's thread, and swapped whole: queries read one field, with no lock and no log. Host
 * names claimed by several objects are reported there, once when the conflict appears.
 */
final class LiveHostTable {
  private final ClusterView cluster;
  private final GatewayView gateways;
  private final GatewayOptions options;
  private final Predicate<String> namespaces;
  private final Consumer<String> conflicts;
  private volatile HostTable table = HostTable.EMPTY;
  /** The conflicts of the current table; written only by {@link #rebuild}, under its lock. */
  private Set<String> reported = Set.of();
  private volatile List<Runnable> unsubscribe = List.of();

  /**
   * @param namespaces the namespaces whose LoadBalancer Services are answered
   * @param conflicts told each new conflict, as text naming the host and its claimants
   */
  LiveHostTable(
      ClusterView cluster,
      GatewayView gateways,
      GatewayOptions options,
      Predicate<String> namespaces,
      Consumer<String> conflicts) {
    this.cluster = cluster;
    this.gateways = gateways;
    this.options = options;
    this.namespaces = namespaces;
    this.conflicts = conflicts;
  }

  /** Builds the table of what the views hold now, and rebuilds it on every publish from now on. */
  void follow() {
    unsubscribe =
        List.of(cluster.onPublish(s -> rebuild()), gateways.onPublish(s -> rebuild()));
    rebuild();
  }

  /** Stops following the views; the last table stays. */
  void stop() {
    unsubscribe.forEach(Runnable::run);
    unsubscribe = List.of();
  }

  HostTable current() {
    return table;
  }

  ClusterView clusterView() {
    return cluster;
  }

  /**
   * Builds the table of the views' current snapshots, unless it is built already. One thread
   * builds at a time, and each reads the snapshots under the lock, so the table last swapped in
   * is of the latest snapshots and generations only grow.
   */
  private synchronized void rebuild() {
    ClusterSnapshot clusterNow = cluster.snapshot();
    GatewaySnapshot gatewaysNow = gateways.snapshot();
    HostTable seen = table;
    if (seen.isOf(clusterNow, gatewaysNow)) {
      return;
    }
    HostTable built =
        HostTable.build(clusterNow, gatewaysNow, seen.generation() + 1, options, namespaces);
    table = built;
    List<String> found = built.conflicts();
    for (String conflict : found) {
      if (!reported.contains(conflict)) {
        conflicts.accept(conflict);
      }
    }
    reported = Set.copyOf(found);
  }
}
