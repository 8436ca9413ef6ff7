package io.clusterdns.plugin.kubernetes.view;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The current Ingress and Gateway API objects, beside the {@link ClusterView} that the same
 * source fills; read by queries without locks.
 */
public final class GatewayView {
  private final AtomicReference<GatewaySnapshot> current =
      new AtomicReference<>(GatewaySnapshot.EMPTY);

  public GatewaySnapshot snapshot() {
    return current.get();
  }

  public void publish(GatewaySnapshot snapshot) {
    current.set(snapshot);
  }
}
