package io.clusterdns.plugin.k8s_external;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.Directive;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.ServerLookup;
import io.clusterdns.plugin.kubernetes.KubernetesHandler;
import io.clusterdns.plugin.kubernetes.TestKubernetesHandlers;
import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.testkit.CorefileSnippets;
import io.clusterdns.plugin.testkit.FakeLookups;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import io.clusterdns.plugin.testkit.Queries;
import io.clusterdns.plugin.testkit.RecordingChain;
import java.net.InetAddress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The k8s_external table in process, and what only a handler test can arrange. */
class ExternalHandlerTest {
  private static final String KUBERNETES = "kubernetes cluster.local";
  /** Resolves {@code lb.example.net} (outside the zones); every other name is NXDOMAIN. */
  private static final ServerLookup UPSTREAM =
      FakeLookups.answeringA("lb.example.net.", 300, "198.51.100.7");

  static Stream<ExternalCase> cases() {
    return ExternalCases.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersAsTheTableSays(ExternalCase row) throws Exception {
    ExternalHandler handler = handler(ExternalCases.DIRECTIVE, new ClusterView(), true, "127.0.0.1");
    RecordingChain next = RecordingChain.answering();
    Message reply = handler.serve(Queries.request(row.qname(), row.qtype()), next);
    assertFalse(next.called(), "passed on");
    assertAll(
        () -> assertTrue(reply.getHeader().getFlag(Flags.AA), "AA"),
        () -> assertEquals(Rcode.string(row.rcode()), Rcode.string(reply.getRcode()), "rcode"),
        () -> assertEquals(sorted(row.answer()), sorted(Queries.sectionWithoutSerial(reply, Section.ANSWER)), "answer"),
        () -> assertEquals(sorted(row.authority()), sorted(Queries.sectionWithoutSerial(reply, Section.AUTHORITY)), "authority"),
        () -> assertEquals(sorted(row.additional()), sorted(Queries.sectionWithoutSerial(reply, Section.ADDITIONAL)), "additional"));
  }

  @Test
  void nameServerGlueIsTheExternalAddressOfTheServiceFrontingThisServer() throws Exception {
    // 1.2.3.4 is an endpoint of svc-headless, which has no external IP; svc1 has no endpoints.
    ExternalHandler headless = handler(ExternalCases.DIRECTIVE, new ClusterView(), true, "1.2.3.4");
    Message reply =
        headless.serve(Queries.request("ns1.dns.example.com.", Type.A), RecordingChain.answering());
    assertEquals(List.of("ns1.dns.example.com. 5 IN A 1.2.3.4"), Queries.sectionWithoutSerial(reply, Section.ANSWER));
  }

  @Test
  void fallthroughPassesNameErrorsOnlyInItsZones() throws Exception {
    ExternalHandler handler =
        handler("k8s_external example.com {\n fallthrough example.com\n}", new ClusterView(), true);
    RecordingChain next = RecordingChain.answering();
    Message missing = handler.serve(Queries.request("svc0.testns.example.com.", Type.A), next);
    assertEquals(RecordingChain.NEXT_RCODE, missing.getRcode());
    Message noData = handler.serve(Queries.request("svc1.testns.example.com.", Type.AAAA), next);
    assertEquals(Rcode.NOERROR, noData.getRcode());
    assertEquals(1, next.calls());
  }

  @Test
  void withoutHeadlessHeadlessServicesDoNotExist() throws Exception {
    ExternalHandler handler = handler("k8s_external example.com", new ClusterView(), true);
    Message reply =
        handler.serve(Queries.request(ExternalCases.HDLS, Type.A), RecordingChain.answering());
    assertEquals(Rcode.NXDOMAIN, reply.getRcode());
  }

  @Test
  void namesOutsideTheZonesGoToTheNextPlugin() throws Exception {
    ExternalHandler handler = handler(ExternalCases.DIRECTIVE, new ClusterView(), true);
    RecordingChain next = RecordingChain.answering();
    handler.serve(Queries.request("svc1.testns.svc.cluster.local.", Type.A), next);
    assertTrue(next.called());
  }

  @Test
  void hostNameOutsideTheZonesIsChasedThroughTheServer() throws Exception {
    ClusterView view = new ClusterView();
    ExternalHandler handler = handler("k8s_external example.com", view, true);
    view.publish(
        ExternalFixture.snapshot(true).update()
            .service(
                new io.clusterdns.plugin.cluster.ServiceInfo(
                    "testns", "lb", io.clusterdns.plugin.cluster.ServiceKind.CLUSTER_IP,
                    List.of(ExternalFixture.ip("10.0.0.9")), "", List.of(ExternalFixture.HTTP),
                    List.of("lb.example.net"), false),
                List.of())
            .build(true, ExternalFixture.SERIAL));
    Message reply =
        handler.serve(Queries.request("lb.testns.example.com.", Type.A), RecordingChain.answering());
    assertEquals(
        List.of("lb.testns.example.com. 5 IN CNAME lb.example.net.", "lb.example.net. 300 IN A 198.51.100.7"),
        Queries.answers(reply));
  }

  @Test
  void beforeTheFirstSyncNegativeAnswersAreServfailNotReady() throws Exception {
    ExternalHandler handler = handler(ExternalCases.DIRECTIVE, new ClusterView(), false);
    Message missing =
        handler.serve(Queries.request("svc0.testns.example.com.", Type.A), RecordingChain.answering());
    assertEquals(Rcode.SERVFAIL, missing.getRcode());
    assertEquals(
        ExtendedErrorCodeOption.NOT_READY, Replies.extendedErrors(missing).get(0).getErrorCode());
    Message known =
        handler.serve(Queries.request(ExternalCases.SVC1, Type.A), RecordingChain.answering());
    assertEquals(List.of(ExternalCases.SVC1 + " 5 IN A 1.2.3.4"), Queries.answers(known));
  }

  @Test
  void generationFollowsTheKubernetesSnapshot() throws Exception {
    ClusterView view = new ClusterView();
    ExternalHandler handler = handler(ExternalCases.DIRECTIVE, view, true);
    long before = handler.generation();
    view.publish(ExternalFixture.snapshot(true));
    assertTrue(handler.generation() > before);
  }

  private static ExternalHandler handler(
      String directive, ClusterView view, boolean synced, String... locals) throws Exception {
    view.publish(ExternalFixture.snapshot(synced));
    List<InetAddress> addresses = Stream.of(locals).map(ExternalFixture::ip).toList();
    KubernetesHandler kubernetes = TestKubernetesHandlers.over(view, KUBERNETES, addresses, UPSTREAM);
    Directive kubernetesDirective = CorefileSnippets.directive(KUBERNETES);
    FakeSetupContext context =
        new FakeSetupContext("example.com.")
            .withSibling(kubernetesDirective, kubernetes)
            .withServerLookup(UPSTREAM);
    ExternalHandler handler =
        (ExternalHandler) new ExternalSetup().setup(CorefileSnippets.directive(directive), context);
    handler.start();
    return handler;
  }

  private static List<String> sorted(List<String> records) {
    return records.stream().sorted().toList();
  }
}
