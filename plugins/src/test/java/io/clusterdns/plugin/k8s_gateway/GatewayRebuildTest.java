package io.clusterdns.plugin.k8s_gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.kubernetes.KubernetesHandler;
import io.clusterdns.plugin.kubernetes.TestKubernetesHandlers;
import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.cluster.GatewaySnapshot;
import io.clusterdns.plugin.cluster.IngressInfo;
import io.clusterdns.plugin.testkit.CorefileSnippets;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import io.clusterdns.plugin.testkit.Queries;
import io.clusterdns.plugin.testkit.RecordingChain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/**
 * k8s_gateway builds its host table when a view publishes, not on the query path: conflicts are
 * reported before any query, the table a query reads is already built, and a closed handler
 * stops following the views.
 */
class GatewayRebuildTest {
  private static final String SHARED =
      "shared.example.test. is claimed by Ingress shop/shared-a, Ingress shop/shared-b";
  private static final String APP =
      "app.example.test. is claimed by Ingress default/app, Ingress default/copy";

  private final List<String> conflicts = new CopyOnWriteArrayList<>();
  private final KubernetesHandler kubernetes;

  GatewayRebuildTest() throws Exception {
    kubernetes = TestKubernetesHandlers.over(
        new ClusterView(), "kubernetes cluster.local", List.of(), request -> null);
    kubernetes.view().publish(GatewayFixture.cluster(true));
    kubernetes.gatewayView().publish(GatewayFixture.gateways());
  }

  @Test
  void conflictsAreReportedAtStartAndOnPublishBeforeAnyQuery() throws Exception {
    GatewayHandler handler = started();
    assertEquals(List.of(SHARED), conflicts, "at start");
    long before = handler.generation();

    publishWithCopyOfApp();

    assertEquals(List.of(SHARED, APP), conflicts, "on publish, each conflict once");
    assertTrue(handler.generation() > before, "the table was swapped at publish");
  }

  @Test
  void aQueryReadsTheTableBuiltAtPublish() throws Exception {
    GatewayHandler handler = started();
    publishWithCopyOfApp();
    long published = handler.generation();
    Message reply = handler.serve(Queries.request("app.example.test.", Type.A), RecordingChain.answering());
    assertEquals(
        List.of("app.example.test. 60 IN A 192.0.2.10", "app.example.test. 60 IN A 192.0.2.11"),
        Queries.answers(reply));
    assertEquals(published, handler.generation(), "no build after the publish");
  }

  @Test
  void aConflictThatGoesAndComesBackIsReportedAgain() throws Exception {
    started();
    publishWithCopyOfApp();
    kubernetes.gatewayView().publish(GatewayFixture.gateways());
    publishWithCopyOfApp();
    assertEquals(List.of(SHARED, APP, APP), conflicts);
  }

  @Test
  void aClosedHandlerNoLongerFollowsTheViews() throws Exception {
    GatewayHandler handler = started();
    long before = handler.generation();
    handler.close();
    publishWithCopyOfApp();
    assertEquals(List.of(SHARED), conflicts);
    assertEquals(before, handler.generation());
  }

  private GatewayHandler started() throws Exception {
    FakeSetupContext context =
        new FakeSetupContext("example.test.")
            .withSibling(CorefileSnippets.directive("kubernetes cluster.local"), kubernetes);
    GatewayOptions options =
        GatewaySetup.parse(CorefileSnippets.directive(GatewayHandlerTest.DIRECTIVE), context);
    GatewayHandler handler = new GatewayHandler(options, context, conflicts::add);
    handler.start();
    return handler;
  }

  /** Adds a second Ingress claiming app.example.test. */
  private void publishWithCopyOfApp() {
    GatewaySnapshot now = GatewayFixture.gateways();
    List<IngressInfo> ingresses = new ArrayList<>(now.ingresses());
    ingresses.add(new IngressInfo(
        "default", "copy", "nginx", List.of("app.example.test"), List.of("192.0.2.11")));
    kubernetes.gatewayView().publish(
        new GatewaySnapshot(ingresses, now.gateways(), now.routes(), now.serial() + 1));
  }
}
