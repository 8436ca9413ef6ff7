package io.clusterdns.plugin.kubernetes;

import io.clusterdns.plugin.Prepared;
import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.cluster.GatewayView;
import io.clusterdns.plugin.cluster.source.ClusterSources;
import io.clusterdns.plugin.cluster.source.SourceOptions;

/**
 * The views one kubernetes directive fills and the load of its cluster source into them. Made
 * and begun by {@link KubernetesSetup#prepare} as soon as the Corefile is parsed, so that the
 * first load (reading and binding the manifests, or listing the API) overlaps the setup of every
 * plugin, not only of those after this one; the handler set up from the same directive takes it
 * over, or makes its own when nothing was prepared.
 */
final class ClusterLoad implements Prepared {
  private final ClusterView view = new ClusterView();
  private final GatewayView gatewayView = new GatewayView();
  private final SourceLoad load;

  /**
   * @param watchGateway whether the source also loads Ingresses and Gateway API objects, for the
   *     k8s_gateway plugin of the same block
   */
  ClusterLoad(SourceOptions options, boolean watchGateway) {
    this.load = new SourceLoad(() -> ClusterSources.open(options, view, watchGateway ? gatewayView : null));
  }

  ClusterView view() {
    return view;
  }

  GatewayView gatewayView() {
    return gatewayView;
  }

  SourceLoad load() {
    return load;
  }

  @Override
  public void close() {
    load.close();
  }
}
