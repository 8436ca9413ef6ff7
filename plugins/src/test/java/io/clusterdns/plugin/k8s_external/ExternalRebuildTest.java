package io.clusterdns.plugin.k8s_external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.kubernetes.KubernetesHandler;
import io.clusterdns.plugin.kubernetes.TestKubernetesHandlers;
import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.cluster.ServiceInfo;
import io.clusterdns.plugin.cluster.ServiceKind;
import io.clusterdns.plugin.testkit.CorefileSnippets;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import io.clusterdns.plugin.testkit.Queries;
import io.clusterdns.plugin.testkit.RecordingChain;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * k8s_external indexes the cluster view when it publishes, not on the query path: the index a
 * query reads is already built, its generation is numbered at the publish, and a closed handler
 * stops following the view.
 */
class ExternalRebuildTest {
  private static final String KUBERNETES = "kubernetes cluster.local";

  private final ClusterView view = new ClusterView();
  private final KubernetesHandler kubernetes;

  ExternalRebuildTest() throws Exception {
    view.publish(ExternalFixture.snapshot(true));
    kubernetes = TestKubernetesHandlers.over(view, KUBERNETES, List.of(), request -> null);
  }

  @Test
  void aPublishIsIndexedBeforeAnyQuery() throws Exception {
    ExternalHandler handler = started();
    long before = handler.generation();

    view.publish(withSvc1At("1.2.3.9"));

    long published = handler.generation();
    assertTrue(published > before, "the index was swapped at publish");
    assertEquals(List.of(ExternalCases.SVC1 + " 5 IN A 1.2.3.9"), svc1(handler));
    assertEquals(published, handler.generation(), "no build after the publish");
  }

  @Test
  void theSameSnapshotPublishedAgainKeepsTheGeneration() throws Exception {
    ExternalHandler handler = started();
    long before = handler.generation();
    view.publish(view.snapshot());
    assertEquals(before, handler.generation());
  }

  @Test
  void aClosedHandlerNoLongerFollowsTheView() throws Exception {
    ExternalHandler handler = started();
    long before = handler.generation();
    handler.close();

    view.publish(withSvc1At("1.2.3.9"));

    assertEquals(before, handler.generation());
    assertEquals(List.of(ExternalCases.SVC1 + " 5 IN A 1.2.3.4"), svc1(handler), "the last index");
  }

  private ExternalHandler started() throws Exception {
    FakeSetupContext context =
        new FakeSetupContext("example.com.")
            .withSibling(CorefileSnippets.directive(KUBERNETES), kubernetes);
    ExternalHandler handler =
        (ExternalHandler)
            new ExternalSetup().setup(CorefileSnippets.directive(ExternalCases.DIRECTIVE), context);
    handler.start();
    return handler;
  }

  private static List<String> svc1(ExternalHandler handler) throws Exception {
    return Queries.answers(
        handler.serve(Queries.request(ExternalCases.SVC1, Type.A), RecordingChain.answering()));
  }

  /** The fixture with svc1's external IP moved to {@code ip}. */
  private static ClusterSnapshot withSvc1At(String ip) {
    ServiceInfo moved =
        new ServiceInfo(
            "testns", "svc1", ServiceKind.CLUSTER_IP, List.of(ExternalFixture.ip("10.0.0.1")), "",
            List.of(ExternalFixture.HTTP), List.of(ip), false);
    return ExternalFixture.snapshot(true)
        .update()
        .service(moved, List.of())
        .build(true, ExternalFixture.SERIAL + 1);
  }
}
