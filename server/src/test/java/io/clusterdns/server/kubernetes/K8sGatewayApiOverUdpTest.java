package io.clusterdns.server.kubernetes;

import static io.clusterdns.server.kubernetes.Dig.awaitAnswer;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * k8s_gateway and k8s_external beside the kubernetes plugin, all fed by fabric8's CRUD mock API:
 * the extra informers bring Ingresses, Gateways and HTTPRoutes, and every write shows in the UDP
 * answers on the next queries.
 */
class K8sGatewayApiOverUdpTest {
  private static ApiAndServer cluster;
  private static KubernetesClient k8s;
  private static InetSocketAddress udp;

  @BeforeAll
  static void startApiAndServer() throws Exception {
    cluster = ApiAndServer.start(
        List.of("default", "infra"),
        "cluster.local",
        "  k8s_gateway example.test {\n    ttl 30\n  }\n  k8s_external example.com\n");
    k8s = cluster.k8s;
    udp = cluster.udp;
  }

  @AfterAll
  static void stopServerThenApi() {
    cluster.close();
  }

  @Test
  void anIngressAnswersOnceItHasAnAddress() {
    Ingress ingress =
        new IngressBuilder()
            .withNewMetadata().withNamespace("default").withName("hello").endMetadata()
            .withNewSpec()
            .addNewRule().withHost("hello-john.example.test").endRule()
            .addNewRule().withHost("hello-jane.example.test").endRule()
            .endSpec()
            .build();
    k8s.network().v1().ingresses().resource(ingress).create();
    awaitAnswer(udp, "hello-john.example.test.", Type.A, "NOERROR");

    ingress.setStatus(
        new io.fabric8.kubernetes.api.model.networking.v1.IngressStatusBuilder()
            .withNewLoadBalancer().addNewIngress().withIp("192.0.2.10").endIngress().endLoadBalancer()
            .build());
    k8s.network().v1().ingresses().resource(ingress).updateStatus();
    awaitAnswer(udp, "hello-john.example.test.", Type.A, "NOERROR A 192.0.2.10");
    awaitAnswer(udp, "hello-jane.example.test.", Type.A, "NOERROR A 192.0.2.10");

    k8s.network().v1().ingresses().inNamespace("default").withName("hello").delete();
    awaitAnswer(udp, "hello-john.example.test.", Type.A, "NXDOMAIN");
  }

  @Test
  void aLoadBalancerServiceAnswersItsIngressAddress() {
    k8s.services()
        .resource(
            new ServiceBuilder()
                .withNewMetadata().withNamespace("default").withName("numbers-web").endMetadata()
                .withNewSpec().withType("LoadBalancer").withClusterIP("10.96.7.1")
                .addNewPort().withPort(8080).endPort().endSpec()
                .withNewStatus().withNewLoadBalancer().addNewIngress().withIp("192.0.2.80").endIngress()
                .endLoadBalancer().endStatus()
                .build())
        .create();
    awaitAnswer(udp, "numbers-web.default.example.test.", Type.A, "NOERROR A 192.0.2.80");
  }

  @Test
  void k8sExternalFollowsTheLoadBalancerStatus() {
    io.fabric8.kubernetes.api.model.Service service =
        new ServiceBuilder()
            .withNewMetadata().withNamespace("default").withName("api").endMetadata()
            .withNewSpec().withType("LoadBalancer").withClusterIP("10.96.7.5")
            .addNewPort().withName("https").withProtocol("TCP").withPort(443).endPort().endSpec()
            .build();
    k8s.services().resource(service).create();
    awaitAnswer(udp, "api.default.example.com.", Type.A, "NXDOMAIN");

    service.setStatus(
        new io.fabric8.kubernetes.api.model.ServiceStatusBuilder()
            .withNewLoadBalancer().addNewIngress().withIp("192.0.2.85").endIngress().endLoadBalancer()
            .build());
    k8s.services().resource(service).updateStatus();
    awaitAnswer(udp, "api.default.example.com.", Type.A, "NOERROR A 192.0.2.85");
    awaitAnswer(udp, "_https._tcp.api.default.example.com.", Type.SRV,
        "NOERROR SRV 0 100 443 api.default.example.com.");
  }

  @Test
  void anHttpRouteAnswersTheAddressesOfItsGateway() {
    Gateway gateway =
        new GatewayBuilder()
            .withNewMetadata().withNamespace("infra").withName("gw").endMetadata()
            .withNewSpec().withGatewayClassName("istio")
            .addNewListener().withName("http").withPort(80).withProtocol("HTTP").endListener()
            .endSpec()
            .withNewStatus().addNewAddress().withType("IPAddress").withValue("192.0.2.60").endAddress()
            .endStatus()
            .build();
    k8s.resources(Gateway.class).resource(gateway).create();
    HTTPRoute route =
        new HTTPRouteBuilder()
            .withNewMetadata().withNamespace("default").withName("web").endMetadata()
            .withNewSpec().addNewParentRef().withName("gw").withNamespace("infra").endParentRef()
            .withHostnames("web.example.test").endSpec()
            .build();
    k8s.resources(HTTPRoute.class).resource(route).create();
    awaitAnswer(udp, "web.example.test.", Type.A, "NOERROR A 192.0.2.60");
  }
}
