package io.clusterdns.testing;

import static io.clusterdns.testing.Kube.pod;
import static io.clusterdns.testing.Kube.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Transport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** The declared cluster answers over real sockets, changes while the test runs, and is logged. */
class ClusterDnsExtensionTest {
  @RegisterExtension
  final ClusterDnsExtension dns = new ClusterDnsExtension()
      .with(
          service("nginx-service").clusterIp("10.96.0.20").port("http", 80),
          service("nginx-headless").headless().port("http", 80)
              .endpoint("10.244.1.5").endpoint("10.244.1.6").notReadyEndpoint("10.244.1.7"),
          service("my-database").namespace("data").externalName("db.example.com"),
          service("web").headless().port("web", 8080).endpoint("web-0", "10.244.2.10").endpoint("web-1", "10.244.2.11"),
          service("dual").clusterIp("fd00:10:96::20"),
          pod("client").ip("10.244.9.9"))
      .withYaml("k8s/shop.yaml");

  @Test
  void everyKindOfDeclaredObjectAnswers() {
    assertEquals(List.of("10.96.0.20"), a("nginx-service.default.svc.cluster.local"));
    assertEquals(List.of("10.244.1.5", "10.244.1.6"), a("nginx-headless.default.svc.cluster.local"));
    assertEquals(List.of("db.example.com."),
        Dns.answers(Dns.ask(dns.udpAddress(), "my-database.data.svc.cluster.local", Type.CNAME)));
    assertEquals(List.of("10.244.2.10"), a("web-0.web.default.svc.cluster.local"));
    assertEquals(List.of("0 50 8080 web-0.web.default.svc.cluster.local.", "0 50 8080 web-1.web.default.svc.cluster.local."),
        Dns.answers(Dns.ask(dns.udpAddress(), "_web._tcp.web.default.svc.cluster.local", Type.SRV)));
    assertEquals(List.of("fd00:10:96:0:0:0:0:20"),
        Dns.answers(Dns.ask(dns.udpAddress(), "dual.default.svc.cluster.local", Type.AAAA)));
    assertEquals(List.of("10.244.9.9"), a("10-244-9-9.default.pod.cluster.local"));
    assertEquals(List.of("10.96.7.7"), a("cart.shop.svc.cluster.local"));
    assertEquals(Rcode.NXDOMAIN, Dns.ask(dns.udpAddress(), "10-244-9-8.default.pod.cluster.local", Type.A).getRcode());
    assertEquals(Rcode.NXDOMAIN, Dns.ask(dns.udpAddress(), "example.com", Type.A).getRcode());
  }

  @Test
  void changesShowInTheNextAnswer() {
    dns.cluster().apply(service("new-service").clusterIp("10.96.0.99"));
    assertEquals(List.of("10.96.0.99"), a("new-service.default.svc.cluster.local"));

    dns.cluster().apply(service("new-service").clusterIp("10.96.0.98"));
    assertEquals(List.of("10.96.0.98"), a("new-service.default.svc.cluster.local"));

    ServiceObject headless = (ServiceObject) dns.cluster().objects().get(1);
    dns.cluster().apply(headless.ready("10.244.1.5", false).ready("10.244.1.7", true));
    assertEquals(List.of("10.244.1.6", "10.244.1.7"), a("nginx-headless.default.svc.cluster.local"));

    dns.cluster().apply(headless.withoutEndpoint("10.244.1.6"));
    assertEquals(List.of("10.244.1.5"), a("nginx-headless.default.svc.cluster.local"));

    dns.cluster().delete(service("new-service"));
    assertEquals(Rcode.NXDOMAIN, Dns.ask(dns.udpAddress(), "new-service.default.svc.cluster.local", Type.A).getRcode());
  }

  @Test
  void deletingWhatIsNotThereFails() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> dns.cluster().delete(service("nope")));
    assertEquals("no Service/default/nope in the cluster", e.getMessage());
  }

  @Test
  void everyQueryIsLoggedWithTypeTransportClientAndRcode() {
    Dns.ask(dns.udpAddress(), "nginx-service.default.svc.cluster.local", Type.A);
    Dns.ask(dns.tcpAddress(), "Missing.default.svc.cluster.local", Type.AAAA, true);
    Dns.ask(dns.udpAddress(), "example.com", Type.MX);

    List<QueryRecord> queries = dns.queries();
    assertEquals(3, queries.size(), queries::toString);
    QueryRecord first = queries.get(0);
    assertEquals("nginx-service.default.svc.cluster.local", first.name());
    assertEquals(Type.A, first.type());
    assertEquals(Transport.UDP, first.transport());
    assertEquals("127.0.0.1", first.client().getAddress().getHostAddress());
    assertTrue(first.client().getPort() > 0);
    assertEquals(Rcode.NOERROR, first.rcode());
    assertTrue(first.fault().isEmpty());
    assertEquals("Missing.default.svc.cluster.local AAAA tcp NXDOMAIN",
        queries.get(1).name() + " " + queries.get(1).typeName() + " " + queries.get(1).transport().label()
            + " " + queries.get(1).rcodeName());
    assertEquals(Rcode.NXDOMAIN, queries.get(2).rcode());
    dns.assertQueries().over(Transport.TCP).hasSize(1).namesAre("Missing.default.svc.cluster.local");
  }

  @Test
  void theServersOwnLookupsAreNotLogged() {
    Message reply = Dns.ask(dns.udpAddress(), "my-database.data.svc.cluster.local", Type.A);
    // The kubernetes plugin asks the server itself for db.example.com (NXDOMAIN from the test
    // server's catch-all); only the client's query is logged.
    assertEquals(List.of("db.example.com."), Dns.answers(reply));
    dns.assertQueries().hasSize(1).namesAre("my-database.data.svc.cluster.local");
  }

  @Test
  void aFailedCheckShowsTheWholeLog() {
    Dns.ask(dns.udpAddress(), "nginx-service.default.svc.cluster.local", Type.A);
    AssertionError e = assertThrows(AssertionError.class, () -> dns.assertQueries().ofType(Type.AAAA).hasSize(1));
    assertTrue(e.getMessage().startsWith("expected 1 queries of type AAAA, got 0; the server received:\n"
        + "  nginx-service.default.svc.cluster.local A udp from 127.0.0.1:"), e.getMessage());
  }

  private List<String> a(String name) {
    return Dns.answers(Dns.ask(dns.udpAddress(), name, Type.A));
  }
}
