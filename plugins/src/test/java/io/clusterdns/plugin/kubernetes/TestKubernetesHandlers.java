package io.clusterdns.plugin.kubernetes;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.ServerLookup;
import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.testkit.CorefileSnippets;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import java.net.InetAddress;
import java.util.List;

/**
 * Kubernetes handlers over a view a test fills, with chosen local addresses, for the tests of
 * plugins that work with the kubernetes plugin (k8s_external, k8s_gateway).
 */
public final class TestKubernetesHandlers {
  private TestKubernetesHandlers() {}

  public static KubernetesHandler over(
      ClusterView view, String directive, List<InetAddress> localAddresses, ServerLookup lookup)
      throws CorefileException {
    KubernetesOptions options =
        KubernetesSetup.parse(CorefileSnippets.directive(directive), new FakeSetupContext("cluster.local."));
    return new KubernetesHandler(options, view, lookup, localAddresses);
  }
}
