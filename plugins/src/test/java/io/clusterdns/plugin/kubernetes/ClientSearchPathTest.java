package io.clusterdns.plugin.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.cluster.PodInfo;
import io.clusterdns.plugin.testkit.CorefileSnippets;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * The search path the kubernetes plugin gives autopath for a client address: only an address
 * held by exactly one running Pod with a network of its own names a namespace.
 */
class ClientSearchPathTest {
  private static final FakeSetupContext BLOCK = new FakeSetupContext("cluster.local.", "other.zone.");

  private static KubernetesHandler handler(String corefile, ClusterSnapshot snapshot) throws Exception {
    KubernetesOptions options = KubernetesSetup.parse(CorefileSnippets.directive(corefile), BLOCK);
    ClusterView view = new ClusterView();
    view.publish(snapshot);
    return new KubernetesHandler(options, view, new FakeUpstream(), List.of());
  }

  private static final ClusterSnapshot CLUSTER = ClusterSnapshot.builder()
      .pod(new PodInfo("alpha", "web-0", ip("10.244.0.5")))
      // An address reused by a new Pod before the old one's deletion reached the watch.
      .pod(new PodInfo("alpha", "old-0", ip("10.244.0.9")))
      .pod(new PodInfo("beta", "new-0", ip("10.244.0.9")))
      .pod(new PodInfo("kube-system", "kube-proxy-x", ip("10.0.0.1"), true))
      .build(true, 1);

  private static InetAddress ip(String text) {
    return ClusterFixture.ip(text);
  }

  private static Name name(String text) {
    return Name.fromConstantString(text);
  }

  private static Optional<List<Name>> path(KubernetesHandler handler, String client, String qname) {
    return handler.searchPath(ip(client), name(qname));
  }

  @Test
  void aPodsAddressGivesTheKubeletsSearchPathInTheZoneOfTheName() throws Exception {
    KubernetesHandler handler = handler("kubernetes cluster.local other.zone {\n pods verified\n}", CLUSTER);

    assertEquals(
        Optional.of(List.of(name("alpha.svc.cluster.local."), name("svc.cluster.local."), name("cluster.local."))),
        path(handler, "10.244.0.5", "web.alpha.svc.cluster.local."));
    assertEquals(
        Optional.of(List.of(name("alpha.svc.other.zone."), name("svc.other.zone."), name("other.zone."))),
        path(handler, "10.244.0.5", "x.other.zone."));
    assertSame(
        path(handler, "10.244.0.5", "a.cluster.local.").orElseThrow(),
        path(handler, "10.244.0.5", "b.cluster.local.").orElseThrow(),
        "the path of a namespace is made once");
  }

  @Test
  void uncertainClientsHaveNoSearchPath() throws Exception {
    KubernetesHandler handler = handler("kubernetes cluster.local {\n pods verified\n}", CLUSTER);

    assertEquals(Optional.empty(), path(handler, "10.244.0.9", "web.alpha.svc.cluster.local."), "two Pods");
    assertEquals(Optional.empty(), path(handler, "10.0.0.1", "web.alpha.svc.cluster.local."), "host network");
    assertEquals(Optional.empty(), path(handler, "10.244.7.7", "web.alpha.svc.cluster.local."), "no Pod");
    assertEquals(Optional.empty(), path(handler, "10.244.0.5", "www.example.org."), "outside the zones");
    assertEquals(Optional.empty(), path(handler, "10.244.0.5", "5.0.244.10.in-addr.arpa."), "reverse name");
  }

  @Test
  void withoutVerifiedPodsNoClientIsKnown() throws Exception {
    KubernetesHandler handler = handler("kubernetes cluster.local {\n pods insecure\n}", CLUSTER);

    assertEquals(Optional.empty(), path(handler, "10.244.0.5", "web.alpha.svc.cluster.local."));
  }

  @Test
  void aPodThatEndedIsForgottenWithTheNextSnapshot() throws Exception {
    KubernetesHandler handler = handler("kubernetes cluster.local {\n pods verified\n}", CLUSTER);
    handler.view().publish(CLUSTER.update().removePod("alpha/web-0").build(true, 2));

    assertEquals(Optional.empty(), path(handler, "10.244.0.5", "web.alpha.svc.cluster.local."));
  }
}
