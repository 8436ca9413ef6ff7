package io.clusterdns.plugin.cluster;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The current Ingress and Gateway API objects, beside the {@link ClusterView} that the same
 * source fills; read by queries without locks.
 */
public final class GatewayView implements Published<GatewaySnapshot> {
  private final AtomicReference<GatewaySnapshot> current =
      new AtomicReference<>(GatewaySnapshot.EMPTY);
  private final Listeners<GatewaySnapshot> listeners = new Listeners<>();

  @Override
  public GatewaySnapshot snapshot() {
    return current.get();
  }

  /** Publishes a new snapshot; queries that start after this call see it. */
  public void publish(GatewaySnapshot snapshot) {
    current.set(snapshot);
    listeners.tell(snapshot);
  }

  @Override
  public Runnable onPublish(Consumer<GatewaySnapshot> listener) {
    return listeners.add(listener);
  }
}
