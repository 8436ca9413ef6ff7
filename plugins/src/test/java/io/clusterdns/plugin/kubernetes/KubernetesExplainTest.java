package io.clusterdns.plugin.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.testkit.CorefileSnippets;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** What the kubernetes plugin says about a name for explain, over the rule book's cluster. */
class KubernetesExplainTest {
  private static final ClusterSnapshot SYNCED = ClusterFixture.snapshot(true);

  private static KubernetesHandler handler(String directive, ClusterSnapshot snapshot) throws Exception {
    KubernetesOptions options = KubernetesSetup.parse(
        CorefileSnippets.directive(directive), new FakeSetupContext("cluster.local."));
    ClusterView view = new ClusterView();
    view.publish(snapshot);
    return new KubernetesHandler(options, view, new FakeUpstream(), List.of());
  }

  private static List<String> explain(String directive, String name, int type) throws Exception {
    return explain(directive, name, type, SYNCED);
  }

  private static List<String> explain(String directive, String name, int type, ClusterSnapshot snapshot)
      throws Exception {
    Message query = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    return handler(directive, snapshot).explain(
        new Request(query, new InetSocketAddress("10.1.1.1", 40000), Transport.UDP, ".", System.nanoTime()));
  }

  @Test
  void aClusterIpServiceSaysItsAddressAndReadyEndpoints() throws Exception {
    assertEquals(List.of("Service testns/svc1: ClusterIP 10.0.0.1; 1 ready endpoint"),
        explain("kubernetes cluster.local", "svc1.testns.svc.cluster.local.", Type.A));
    assertEquals(List.of("Service testns/svcempty: ClusterIP 10.0.0.2; it has no ready endpoints, so the address is"
        + " answered but connections to it will fail"),
        explain("kubernetes cluster.local", "svcempty.testns.svc.cluster.local.", Type.A));
    assertEquals(List.of("Service testns/svc1: ClusterIP 10.0.0.1; 1 ready endpoint",
        "only IPv4 addresses, no AAAA record: NOERROR without records (NODATA)"),
        explain("kubernetes cluster.local", "svc1.testns.svc.cluster.local.", Type.AAAA));
  }

  @Test
  void portsAndEndpointsAreFoundOrNot() throws Exception {
    assertEquals(List.of("Service testns/svc1: ClusterIP 10.0.0.1; 1 ready endpoint", "port http/tcp is 80"),
        explain("kubernetes cluster.local", "_http._tcp.svc1.testns.svc.cluster.local.", Type.SRV));
    assertEquals(List.of("Service testns/svc1: ClusterIP 10.0.0.1; 1 ready endpoint",
        "Service testns/svc1 has no port named dns with protocol udp: NXDOMAIN"),
        explain("kubernetes cluster.local", "_dns._udp.svc1.testns.svc.cluster.local.", Type.SRV));
    assertEquals(List.of("the endpoint pod-1 of the headless Service testns/hdls1: 172.0.0.2"),
        explain("kubernetes cluster.local", "pod-1.hdls1.testns.svc.cluster.local.", Type.A));
    assertEquals(List.of("noendpoints: endpoints are not served, so the headless Service testns/hdls1 has no"
        + " records: NXDOMAIN"),
        explain("kubernetes cluster.local {\n noendpoints\n}", "hdls1.testns.svc.cluster.local.", Type.A));
  }

  @Test
  void podNamesFollowThePodsMode() throws Exception {
    String name = "172-0-0-7.testns.pod.cluster.local.";
    assertEquals(List.of("pods disabled: no Pod names are answered: NXDOMAIN"),
        explain("kubernetes cluster.local", name, Type.A));
    assertEquals(List.of("pods insecure: 172.0.0.7 is answered as written, without looking for a Pod"),
        explain("kubernetes cluster.local {\n pods insecure\n}", name, Type.A));
    assertEquals(List.of("pods verified: a running Pod in namespace testns holds 172.0.0.7"),
        explain("kubernetes cluster.local {\n pods verified\n}", name, Type.A));
    assertEquals(List.of("pods verified: no running Pod in namespace testns holds 172.0.0.8: NXDOMAIN"),
        explain("kubernetes cluster.local {\n pods verified\n}", "172-0-0-8.testns.pod.cluster.local.", Type.A));
  }

  @Test
  void reverseNamesFallthroughSyncAndOtherZones() throws Exception {
    assertEquals(List.of("10.0.0.1 is svc1.testns.svc (PTR)"),
        explain("kubernetes cluster.local in-addr.arpa", "1.0.0.10.in-addr.arpa.", Type.PTR));
    assertEquals(List.of("no Service or ready endpoint in a served namespace has the address 10.9.9.9: NXDOMAIN"),
        explain("kubernetes cluster.local in-addr.arpa", "9.9.9.10.in-addr.arpa.", Type.PTR));
    assertEquals(List.of("no Service nope in namespace testns: NXDOMAIN",
        "fallthrough: the NXDOMAIN goes on to the next plugin"),
        explain("kubernetes cluster.local {\n fallthrough\n}", "nope.testns.svc.cluster.local.", Type.A));
    assertEquals(List.of("the cluster view has not synced yet: a name it does not know gets SERVFAIL, not NXDOMAIN",
        "no Service nope in namespace testns: NXDOMAIN"),
        explain("kubernetes cluster.local", "nope.testns.svc.cluster.local.", Type.A, ClusterFixture.snapshot(false)));
    assertEquals(List.of("no Service default in namespace testns (read as the endpoint svc2 of a Service default):"
        + " NXDOMAIN"), explain("kubernetes cluster.local", "svc2.default.testns.svc.cluster.local.", Type.A));
    assertEquals(List.of(), explain("kubernetes cluster.local", "example.org.", Type.A));
  }

  @Test
  void knowsThePodsNamespaceOnlyUnderPodsVerified() throws Exception {
    KubernetesHandler verified = handler("kubernetes cluster.local in-addr.arpa {\n pods verified\n}", SYNCED);
    assertEquals("cluster.local", verified.clusterDomain());
    assertEquals(List.of("testns"), verified.podNamespaces(ClusterFixture.ip("172.0.0.7")));
    assertEquals(List.of(), verified.podNamespaces(ClusterFixture.ip("172.0.0.9")));

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> handler("kubernetes cluster.local", SYNCED).podNamespaces(ClusterFixture.ip("172.0.0.7")));
    assertEquals("the kubernetes plugin knows Pods only under pods verified", e.getMessage());
  }
}
