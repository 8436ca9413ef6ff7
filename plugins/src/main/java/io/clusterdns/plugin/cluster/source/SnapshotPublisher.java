package io.clusterdns.plugin.cluster.source;

import io.clusterdns.plugin.cluster.ClusterView;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Derives and publishes the next snapshot after changes, coalescing bursts: a change while a
 * rebuild is queued joins that rebuild, and a change during a rebuild queues exactly one more.
 * The executor must run one task at a time, so at most one rebuild runs and none is ever lost.
 * Each rebuild costs in proportion to what changed since the last (see {@link ClusterStore}).
 */
final class SnapshotPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotPublisher.class);

  private final ClusterStore store;
  private final ClusterView view;
  private final BooleanSupplier synced;
  private final Executor executor;
  private final AtomicBoolean queued = new AtomicBoolean();

  SnapshotPublisher(ClusterStore store, ClusterView view, BooleanSupplier synced, Executor executor) {
    this.store = store;
    this.view = view;
    this.synced = synced;
    this.executor = executor;
  }

  /** Asks for a rebuild; returns at once. */
  void changed() {
    if (queued.compareAndSet(false, true)) {
      try {
        executor.execute(this::rebuild);
      } catch (RejectedExecutionException e) {
        LOG.debug("cluster view change after the source was closed: not published");
      }
    }
  }

  /** Rebuilds and publishes now, in turn with queued rebuilds, and returns once published. */
  void publishNow() {
    CompletableFuture.runAsync(this::rebuild, executor).join();
  }

  private void rebuild() {
    // Cleared before reading the store: a change from now on queues another rebuild.
    queued.set(false);
    try {
      view.publish(store.snapshot(synced.getAsBoolean()));
    } catch (RuntimeException e) {
      LOG.error("could not rebuild the cluster view", e);
    }
  }
}
