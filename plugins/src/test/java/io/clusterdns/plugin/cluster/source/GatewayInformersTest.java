package io.clusterdns.plugin.cluster.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.cluster.GatewayView;
import io.clusterdns.plugin.cluster.IngressInfo;
import io.clusterdns.plugin.cluster.RouteInfo;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The informers the kubernetes source adds for k8s_gateway, against fabric8's mock API. */
class GatewayInformersTest {
  private final MockApi api = new MockApi();
  private final ClusterView view = new ClusterView();
  private final GatewayView gateways = new GatewayView();
  private InformerSource source;

  @AfterEach
  void tearDown() {
    if (source != null) {
      source.close();
    }
    api.close();
  }

  private void start() throws Exception {
    // A startup timeout no loaded machine reaches: these tests expect a synced start.
    SourceOptions options = api.options(null, null, false, Duration.ofSeconds(60));
    source = new InformerSource(options, view, gateways, MockApi.fastRetries(options), Clock.systemUTC());
    source.start();
    // Closing informers whose watches are still opening can block the mock (java-stack.md §2.1).
    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(20))
        .until(source::watching);
  }

  private static void seed(KubernetesClient k8s) {
    k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("web").endMetadata().build()).create();
    k8s.network().v1().ingresses()
        .resource(
            new IngressBuilder()
                .withNewMetadata().withNamespace("web").withName("shop").endMetadata()
                .withNewSpec().withIngressClassName("nginx")
                .addNewRule().withHost("Shop.Example.Test").endRule()
                .addNewTl().withHosts("secure.example.test").endTl()
                .endSpec()
                .withNewStatus().withNewLoadBalancer().addNewIngress().withHostname("lb.example.net").endIngress()
                .endLoadBalancer().endStatus()
                .build())
        .create();
  }

  @Test
  void withoutTheGatewayApiCrdsIngressesStillSyncAndAnswer() throws Exception {
    api.start().withoutApiGroups("gateway.networking.k8s.io");
    seed(api.client());
    start();

    assertTrue(source.synced(), "synced although the Gateway API is not served");
    assertTrue(view.snapshot().synced());
    assertEquals(
        List.of(new IngressInfo("web", "shop", "nginx", List.of("shop.example.test", "secure.example.test"),
            List.of("lb.example.net"))),
        gateways.snapshot().ingresses());
  }

  @Test
  void routesArriveAndChangeLive() throws Exception {
    api.start();
    seed(api.client());
    start();
    HTTPRoute route =
        new HTTPRouteBuilder()
            .withNewMetadata().withNamespace("web").withName("r").endMetadata()
            .withNewSpec().addNewParentRef().withName("gw").withNamespace("infra").endParentRef()
            .withHostnames("r.example.test").endSpec()
            .build();
    api.client().resources(HTTPRoute.class).resource(route).create();

    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(20))
        .until(() -> gateways.snapshot().routes().equals(
            List.of(new RouteInfo("HTTPRoute", "web", "r", List.of("r.example.test"), List.of("infra/gw")))));

    api.client().resources(HTTPRoute.class).inNamespace("web").withName("r").delete();
    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(20))
        .until(() -> gateways.snapshot().routes().isEmpty());
  }
}
