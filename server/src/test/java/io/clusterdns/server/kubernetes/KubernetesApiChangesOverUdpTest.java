package io.clusterdns.server.kubernetes;

import static io.clusterdns.server.kubernetes.ApiObjects.endpoint;
import static io.clusterdns.server.kubernetes.Dig.awaitAnswer;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * Writes to fabric8's CRUD mock API show in a real server's UDP answers as the informers deliver
 * them. One API and one server serve every test; each test works in its own namespace.
 */
class KubernetesApiChangesOverUdpTest {
  private static ApiAndServer cluster;
  private static KubernetesClient k8s;
  private static InetSocketAddress udp;

  @BeforeAll
  static void startApiAndServer() throws Exception {
    cluster = ApiAndServer.start(List.of(), "cluster.local in-addr.arpa", "");
    k8s = cluster.k8s;
    udp = cluster.udp;
  }

  @AfterAll
  static void stopServerThenApi() {
    cluster.close();
  }

  private static void createNamespace(String name) {
    k8s.namespaces().resource(ApiObjects.namespace(name)).create();
    awaitAnswer(udp, name + ".svc.cluster.local.", Type.A, "NOERROR");
  }

  @Test
  void clusterIpServiceAppearsChangesAddressAndDisappears() {
    createNamespace("alpha");
    String name = "web.alpha.svc.cluster.local.";
    awaitAnswer(udp, name, Type.A, "NXDOMAIN");

    k8s.services().resource(ApiObjects.service("alpha", "web", "10.96.1.10")).create();
    awaitAnswer(udp, name, Type.A, "NOERROR A 10.96.1.10");
    awaitAnswer(udp, "10.1.96.10.in-addr.arpa.", Type.PTR, "NOERROR PTR " + name);

    k8s.services().resource(ApiObjects.service("alpha", "web", "10.96.1.11")).update();
    awaitAnswer(udp, name, Type.A, "NOERROR A 10.96.1.11");
    awaitAnswer(udp, "11.1.96.10.in-addr.arpa.", Type.PTR, "NOERROR PTR " + name);
    awaitAnswer(udp, "10.1.96.10.in-addr.arpa.", Type.PTR, "NXDOMAIN");

    k8s.services().inNamespace("alpha").withName("web").delete();
    awaitAnswer(udp, name, Type.A, "NXDOMAIN");
    awaitAnswer(udp, "11.1.96.10.in-addr.arpa.", Type.PTR, "NXDOMAIN");
  }

  @Test
  void headlessServiceAnswersTheReadyEndpointsOfAllItsSlices() {
    createNamespace("beta");
    k8s.services().resource(ApiObjects.service("beta", "db", "None")).create();

    k8s.discovery().v1().endpointSlices().resource(sliceA(false)).create();
    k8s.discovery().v1().endpointSlices().resource(ApiObjects.slice("beta", "db-b", "db")
        .addToEndpoints(endpoint("10.244.1.1", true).build())
        .addToEndpoints(endpoint("10.244.1.4", true).withHostname("web-0").build())
        .build()).create();
    awaitAnswer(udp, "db.beta.svc.cluster.local.", Type.A,
        "NOERROR A 10.244.1.1, A 10.244.1.3, A 10.244.1.4");
    awaitAnswer(udp, "_http._tcp.db.beta.svc.cluster.local.", Type.SRV,
        "NOERROR SRV 0 33 8080 10-244-1-1.db.beta.svc.cluster.local., "
            + "SRV 0 33 8080 10-244-1-3.db.beta.svc.cluster.local., "
            + "SRV 0 33 8080 web-0.db.beta.svc.cluster.local.");
    awaitAnswer(udp, "web-0.db.beta.svc.cluster.local.", Type.A, "NOERROR A 10.244.1.4");
    awaitAnswer(udp, "10-244-1-3.db.beta.svc.cluster.local.", Type.A, "NOERROR A 10.244.1.3");
    awaitAnswer(udp, "10-244-1-2.db.beta.svc.cluster.local.", Type.A, "NXDOMAIN");

    k8s.discovery().v1().endpointSlices().resource(sliceA(true)).update();
    awaitAnswer(udp, "db.beta.svc.cluster.local.", Type.A, "NOERROR A 10.244.1.1, A 10.244.1.4");
    awaitAnswer(udp, "_http._tcp.db.beta.svc.cluster.local.", Type.SRV,
        "NOERROR SRV 0 50 8080 10-244-1-1.db.beta.svc.cluster.local., "
            + "SRV 0 50 8080 web-0.db.beta.svc.cluster.local.");
    awaitAnswer(udp, "10-244-1-3.db.beta.svc.cluster.local.", Type.A, "NXDOMAIN");

    k8s.discovery().v1().endpointSlices().inNamespace("beta").withName("db-b").delete();
    awaitAnswer(udp, "db.beta.svc.cluster.local.", Type.A, "NOERROR A 10.244.1.1");
    awaitAnswer(udp, "web-0.db.beta.svc.cluster.local.", Type.A, "NXDOMAIN");

    // Rule N1: a headless Service without ready endpoints does not exist.
    k8s.discovery().v1().endpointSlices().inNamespace("beta").withName("db-a").delete();
    awaitAnswer(udp, "db.beta.svc.cluster.local.", Type.A, "NXDOMAIN");
  }

  /** 10.244.1.2 is not ready; 10.244.1.3 has no ready condition (ready) unless flipped. */
  private static EndpointSlice sliceA(boolean thirdNotReady) {
    return ApiObjects.slice("beta", "db-a", "db")
        .addToEndpoints(endpoint("10.244.1.1", true).build())
        .addToEndpoints(endpoint("10.244.1.2", false).build())
        .addToEndpoints(endpoint("10.244.1.3", thirdNotReady ? false : null).build())
        .build();
  }

  @Test
  void externalNameServiceAnswersItsCnameAndFollowsAChange() {
    createNamespace("gamma");
    k8s.services().resource(ApiObjects.externalName("gamma", "mail", "mail.example.org")).create();
    awaitAnswer(udp, "mail.gamma.svc.cluster.local.", Type.CNAME, "NOERROR CNAME mail.example.org.");

    k8s.services().resource(ApiObjects.service("gamma", "smtp", "10.96.2.25")).create();
    k8s.services().inNamespace("gamma").withName("mail").edit(s -> new ServiceBuilder(s)
        .editSpec().withExternalName("smtp.gamma.svc.cluster.local").endSpec().build());
    awaitAnswer(udp, "mail.gamma.svc.cluster.local.", Type.A,
        "NOERROR A 10.96.2.25, CNAME smtp.gamma.svc.cluster.local.");
  }

  @Test
  void namespaceNodeExistsWhileTheNamespaceDoes() {
    String node = "delta.svc.cluster.local.";
    awaitAnswer(udp, node, Type.A, "NXDOMAIN");
    k8s.namespaces().resource(ApiObjects.namespace("delta")).create();
    awaitAnswer(udp, node, Type.A, "NOERROR");
    k8s.namespaces().withName("delta").delete();
    awaitAnswer(udp, node, Type.A, "NXDOMAIN");
  }
}
