package io.clusterdns.plugin.k8s_gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.ServerLookup;
import io.clusterdns.plugin.kubernetes.KubernetesHandler;
import io.clusterdns.plugin.kubernetes.TestKubernetesHandlers;
import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.cluster.GatewaySnapshot;
import io.clusterdns.plugin.cluster.IngressInfo;
import io.clusterdns.plugin.testkit.CorefileSnippets;
import io.clusterdns.plugin.testkit.FakeLookups;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import io.clusterdns.plugin.testkit.Queries;
import io.clusterdns.plugin.testkit.RecordingChain;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** k8s_gateway over hand-built snapshots: every kind of claim, and each outcome. */
class GatewayHandlerTest {
  static final String DIRECTIVE = "k8s_gateway example.test {\n ingressClasses nginx\n gatewayClasses istio cilium\n}";
  static final String SOA =
      "example.test. 60 IN SOA ns1.dns.example.test. hostmaster.dns.example.test. SERIAL 7200 1800 86400 60";
  private static final ServerLookup UPSTREAM =
      FakeLookups.answeringA("lb-123.elb.example.net.", 30, "198.51.100.123");

  static Stream<Arguments> rows() {
    return Stream.of(
        row("Ingress rule host", "app.example.test.", Type.A, Rcode.NOERROR, "app.example.test. 60 IN A 192.0.2.10"),
        row("Ingress second rule host", "www.example.test.", Type.A, Rcode.NOERROR, "www.example.test. 60 IN A 192.0.2.10"),
        row("Ingress TLS host", "secure.example.test.", Type.A, Rcode.NOERROR, "secure.example.test. 60 IN A 192.0.2.10"),
        row("case kept", "APP.Example.TEST.", Type.A, Rcode.NOERROR, "APP.Example.TEST. 60 IN A 192.0.2.10"),
        row("wildcard, one label", "foo.apps.example.test.", Type.A, Rcode.NOERROR, "foo.apps.example.test. 60 IN A 192.0.2.20"),
        row("wildcard, not two labels", "a.b.apps.example.test.", Type.A, Rcode.NXDOMAIN),
        row("exact wins over wildcard", "special.apps.example.test.", Type.A, Rcode.NOERROR,
            "special.apps.example.test. 60 IN A 192.0.2.21"),
        row("wildcard parent exists", "apps.example.test.", Type.A, Rcode.NOERROR),
        row("status host name: CNAME and its address", "cloud.example.test.", Type.A, Rcode.NOERROR,
            "cloud.example.test. 60 IN CNAME lb-123.elb.example.net.",
            "lb-123.elb.example.net. 30 IN A 198.51.100.123"),
        row("no status, no default_address", "pending.example.test.", Type.A, Rcode.NOERROR),
        row("class filter", "traefik.example.test.", Type.A, Rcode.NXDOMAIN),
        row("two Ingresses on one host: both, in order", "shared.example.test.", Type.A, Rcode.NOERROR,
            "shared.example.test. 60 IN A 192.0.2.41", "shared.example.test. 60 IN A 192.0.2.40"),
        row("two Ingresses on one host, AAAA", "shared.example.test.", Type.AAAA, Rcode.NOERROR,
            "shared.example.test. 60 IN AAAA 2001:db8:0:0:0:0:0:40"),
        row("IPv4 only host, AAAA", "app.example.test.", Type.AAAA, Rcode.NOERROR),
        row("other type", "app.example.test.", Type.TXT, Rcode.NOERROR),
        row("HTTPRoute on an accepting Gateway", "web.example.test.", Type.A, Rcode.NOERROR,
            "web.example.test. 60 IN A 192.0.2.60"),
        row("HTTPRoute AAAA", "web.example.test.", Type.AAAA, Rcode.NOERROR,
            "web.example.test. 60 IN AAAA 2001:db8:0:0:0:0:0:60"),
        row("GRPCRoute", "rpc.example.test.", Type.A, Rcode.NOERROR, "rpc.example.test. 60 IN A 192.0.2.60"),
        row("TLSRoute", "tls.example.test.", Type.A, Rcode.NOERROR, "tls.example.test. 60 IN A 192.0.2.70"),
        row("route no Gateway accepted", "rejected.example.test.", Type.A, Rcode.NXDOMAIN),
        row("Gateway listener host name", "listener.example.test.", Type.A, Rcode.NOERROR,
            "listener.example.test. 60 IN A 192.0.2.60"),
        row("LoadBalancer Service", "numbers-web.default.example.test.", Type.A, Rcode.NOERROR,
            "numbers-web.default.example.test. 60 IN A 192.0.2.80"),
        row("LoadBalancer Service with a host name", "lb-host.default.example.test.", Type.A, Rcode.NOERROR,
            "lb-host.default.example.test. 60 IN CNAME lb-9.elb.example.net."),
        row("namespace of a Service exists", "default.example.test.", Type.A, Rcode.NOERROR),
        row("not a LoadBalancer", "with-external-ip.default.example.test.", Type.A, Rcode.NXDOMAIN),
        row("unknown", "nothing.example.test.", Type.A, Rcode.NXDOMAIN),
        row("apex SOA", "example.test.", Type.SOA, Rcode.NOERROR, SOA),
        row("apex A", "example.test.", Type.A, Rcode.NOERROR));
  }

  private static Arguments row(String rule, String qname, int qtype, int rcode, String... answer) {
    return Arguments.of(rule, qname, qtype, rcode, List.of(answer));
  }

  @ParameterizedTest(name = "{0}: {1} {2}")
  @MethodSource("rows")
  void answersTheClaims(String rule, String qname, int qtype, int rcode, List<String> answer)
      throws Exception {
    GatewayHandler handler = handler(DIRECTIVE, new ClusterView(), true);
    RecordingChain next = RecordingChain.answering();
    Message reply = handler.serve(Queries.request(qname, qtype), next);
    assertFalse(next.called(), "passed on");
    assertTrue(reply.getHeader().getFlag(Flags.AA), "AA");
    assertEquals(Rcode.string(rcode), Rcode.string(reply.getRcode()), "rcode");
    assertEquals(answer, Queries.sectionWithoutSerial(reply, Section.ANSWER), "answer");
    if (answer.isEmpty() || qtype == Type.SOA) {
      List<String> authority = Queries.sectionWithoutSerial(reply, Section.AUTHORITY);
      assertEquals(answer.isEmpty() ? List.of(SOA) : List.of(), authority, "authority");
    }
  }

  @Test
  void defaultAddressAnswersAnIngressWithoutStatus() throws Exception {
    GatewayHandler handler =
        handler("k8s_gateway example.test {\n default_address 192.168.49.2\n}", new ClusterView(), true);
    Message pending =
        handler.serve(Queries.request("pending.example.test.", Type.A), RecordingChain.answering());
    assertEquals(List.of("pending.example.test. 60 IN A 192.168.49.2"), Queries.answers(pending));
    Message withStatus =
        handler.serve(Queries.request("app.example.test.", Type.A), RecordingChain.answering());
    assertEquals(List.of("app.example.test. 60 IN A 192.0.2.10"), Queries.answers(withStatus));
  }

  @Test
  void resourcesLimitTheKinds() throws Exception {
    GatewayHandler handler =
        handler("k8s_gateway example.test {\n resources Service\n}", new ClusterView(), true);
    assertEquals(Rcode.NXDOMAIN, rcode(handler, "app.example.test.", Type.A));
    assertEquals(Rcode.NXDOMAIN, rcode(handler, "web.example.test.", Type.A));
    assertEquals(Rcode.NOERROR, rcode(handler, "numbers-web.default.example.test.", Type.A));
  }

  @Test
  void anIngressGainingAnAddressAnswersOnTheNextQuery() throws Exception {
    ClusterView view = new ClusterView();
    KubernetesHandler kubernetes = kubernetes(view);
    GatewayHandler handler = handler(DIRECTIVE, kubernetes, true);
    long before = handler.generation();
    assertEquals(List.of(), Queries.answers(ask(handler, "pending.example.test.")));
    GatewaySnapshot now = GatewayFixture.gateways();
    List<IngressInfo> ingresses = new ArrayList<>(now.ingresses());
    ingresses.replaceAll(
        i -> i.name().equals("pending")
            ? new IngressInfo(i.namespace(), i.name(), i.ingressClass(), i.hosts(), List.of("192.0.2.99"))
            : i);
    kubernetes.gatewayView().publish(new GatewaySnapshot(ingresses, now.gateways(), now.routes(), now.serial() + 1));
    assertTrue(handler.generation() > before, "generation grows");
    assertEquals(
        List.of("pending.example.test. 60 IN A 192.0.2.99"),
        Queries.answers(ask(handler, "pending.example.test.")));
  }

  @Test
  void fallthroughPassesNameErrorsOn() throws Exception {
    GatewayHandler handler =
        handler("k8s_gateway example.test {\n fallthrough\n}", new ClusterView(), true);
    RecordingChain next = RecordingChain.answering();
    handler.serve(Queries.request("nothing.example.test.", Type.A), next);
    handler.serve(Queries.request("app.example.test.", Type.AAAA), next);
    assertEquals(1, next.calls());
  }

  @Test
  void namesOutsideTheZonesGoOn() throws Exception {
    GatewayHandler handler = handler(DIRECTIVE, new ClusterView(), true);
    RecordingChain next = RecordingChain.answering();
    handler.serve(Queries.request("app.elsewhere.test.", Type.A), next);
    assertTrue(next.called());
  }

  @Test
  void beforeTheFirstSyncNegativeAnswersAreServfail() throws Exception {
    GatewayHandler handler = handler(DIRECTIVE, new ClusterView(), false);
    Message reply = handler.serve(Queries.request("nothing.example.test.", Type.A), RecordingChain.answering());
    assertEquals(Rcode.SERVFAIL, reply.getRcode());
    assertEquals(ExtendedErrorCodeOption.NOT_READY, Replies.extendedErrors(reply).get(0).getErrorCode());
    assertEquals(Rcode.NOERROR, rcode(handler, "app.example.test.", Type.A));
  }

  private static int rcode(GatewayHandler handler, String qname, int qtype) throws Exception {
    return handler.serve(Queries.request(qname, qtype), RecordingChain.answering()).getRcode();
  }

  private static Message ask(GatewayHandler handler, String qname) throws Exception {
    return handler.serve(Queries.request(qname, Type.A), RecordingChain.answering());
  }

  private static KubernetesHandler kubernetes(ClusterView view) throws Exception {
    return TestKubernetesHandlers.over(view, "kubernetes cluster.local", List.of(), UPSTREAM);
  }

  private static GatewayHandler handler(String directive, ClusterView view, boolean synced) throws Exception {
    return handler(directive, kubernetes(view), synced);
  }

  private static GatewayHandler handler(String directive, KubernetesHandler kubernetes, boolean synced)
      throws Exception {
    kubernetes.view().publish(GatewayFixture.cluster(synced));
    kubernetes.gatewayView().publish(GatewayFixture.gateways());
    FakeSetupContext context =
        new FakeSetupContext("example.test.")
            .withSibling(CorefileSnippets.directive("kubernetes cluster.local"), kubernetes)
            .withServerLookup(UPSTREAM);
    GatewayHandler handler =
        (GatewayHandler) new GatewaySetup().setup(CorefileSnippets.directive(directive), context);
    handler.start();
    return handler;
  }
}
