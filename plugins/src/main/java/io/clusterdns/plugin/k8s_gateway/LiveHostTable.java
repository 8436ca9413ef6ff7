package io.clusterdns.plugin.k8s_gateway;

import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.cluster.GatewayView;
import io.clusterdns.plugin.cluster.LiveValue;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The host table of a cluster view and a gateway view, a {@link LiveValue}: rebuilt whenever
 * either publishes, in the publisher's thread, and swapped whole, so queries read one field,
 * with no lock and no log. Host names claimed by several objects are reported there, once when
 * the conflict appears.
 */
final class LiveHostTable {
  private final ClusterView cluster;
  private final LiveValue<HostTable> table;
  private final Consumer<String> conflicts;
  /** The conflicts of the current table; LiveValue tells {@link #report} one table at a time. */
  private Set<String> reported = Set.of();

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
    this.conflicts = conflicts;
    this.table =
        LiveValue.of(
            cluster,
            gateways,
            (clusterNow, gatewaysNow) ->
                HostTable.build(clusterNow, gatewaysNow, options, namespaces),
            this::report);
  }

  /** Builds the table of what the views hold now, and rebuilds it on every publish from now on. */
  void follow() {
    table.follow();
  }

  /** Stops following the views; the last table stays. */
  void stop() {
    table.stop();
  }

  /** The table last built, with its generation; only after {@link #follow}. */
  LiveValue.Version<HostTable> current() {
    return table.current();
  }

  ClusterView clusterView() {
    return cluster;
  }

  private void report(HostTable built) {
    List<String> found = built.conflicts();
    for (String conflict : found) {
      if (!reported.contains(conflict)) {
        conflicts.accept(conflict);
      }
    }
    reported = Set.copyOf(found);
  }
}
