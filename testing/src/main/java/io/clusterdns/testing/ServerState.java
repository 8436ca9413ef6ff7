package io.clusterdns.testing;

import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.SetupContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the test plugin of one server shares between its server blocks and with the test: the
 * query log, the faults in force, and the kubernetes handler for checking which revision of the
 * cluster it serves.
 */
final class ServerState {
  private final ConcurrentLinkedQueue<QueryRecord> queries = new ConcurrentLinkedQueue<>();
  /** Replaced whole on every change, so the query path reads it without a lock. */
  private volatile List<InjectedFault> faults = List.of();
  private volatile SetupContext clusterBlock;

  void record(QueryRecord query) {
    queries.add(query);
  }

  List<QueryRecord> queries() {
    return List.copyOf(queries);
  }

  void clearQueries() {
    queries.clear();
  }

  List<InjectedFault> faults() {
    return faults;
  }

  synchronized void inject(Fault fault) {
    List<InjectedFault> more = new ArrayList<>(faults);
    more.add(new InjectedFault(fault));
    faults = List.copyOf(more);
  }

  synchronized void clearFaults() {
    faults = List.of();
  }

  /** Remembers the setup context of the block that runs the kubernetes plugin. */
  void blockSetUp(SetupContext context) {
    if (context.zones().contains(TestServer.CLUSTER_ZONE)) {
      clusterBlock = context;
    }
  }

  /** The kubernetes plugin's handler; only once the server runs. */
  Optional<Handler> kubernetes() {
    SetupContext context = clusterBlock;
    return context == null ? Optional.empty() : context.sibling("kubernetes");
  }
}
