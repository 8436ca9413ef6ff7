package io.clusterdns.plugin.cluster;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The current snapshot of the cluster, swapped whole by a source (informers or manifest files)
 * and read by queries without locks.
 */
public final class ClusterView implements Published<ClusterSnapshot> {
  private final AtomicReference<ClusterSnapshot> current =
      new AtomicReference<>(ClusterSnapshot.EMPTY);
  private final Listeners<ClusterSnapshot> listeners = new Listeners<>();

  @Override
  public ClusterSnapshot snapshot() {
    return current.get();
  }

  /** Publishes a new snapshot; queries that start after this call see it. */
  public void publish(ClusterSnapshot snapshot) {
    current.set(snapshot);
    listeners.tell(snapshot);
  }

  @Override
  public Runnable onPublish(Consumer<ClusterSnapshot> listener) {
    return listeners.add(listener);
  }
}
