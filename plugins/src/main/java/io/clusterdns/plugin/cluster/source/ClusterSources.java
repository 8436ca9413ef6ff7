package io.clusterdns.plugin.cluster.source;

import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.cluster.GatewayView;

/** Chooses the source for a set of options: manifest files when given, else the API. */
public final class ClusterSources {
  private ClusterSources() {}

  public static ClusterSource open(SourceOptions options, ClusterView view) {
    return open(options, view, null);
  }

  /**
   * A source that also fills {@code gateways}, when not null, with Ingresses and the Gateway API
   * objects (for k8s_gateway).
   */
  public static ClusterSource open(SourceOptions options, ClusterView view, GatewayView gateways) {
    if (!options.manifests().isEmpty()) {
      return new ManifestSource(options, view, gateways);
    }
    return new InformerSource(options, view, gateways);
  }
}
