package io.clusterdns.plugin.kubernetes.view;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The current snapshot of the cluster, swapped whole by a source (informers or manifest files)
 * and read by queries without locks.
 */
public final class ClusterView {
  private final AtomicReference<ClusterSnapshot> current =
      new AtomicReference<>(ClusterSnapshot.EMPTY);
  private volatile Consumer<ClusterSnapshot> listener = s -> {};

  public ClusterSnapshot snapshot() {
    return current.get();
  }

  /** Publishes a new snapshot; queries that start after this call see it. */
  public void publish(ClusterSnapshot snapshot) {
    current.set(snapshot);
    listener.accept(snapshot);
  }

  /** Called after every publish (answer caches, metrics); at most one listener. */
  public void onPublish(Consumer<ClusterSnapshot> listener) {
    this.listener = listener;
  }
}
