package io.clusterdns.server.kubernetes;

import io.clusterdns.plugin.cluster.source.MockApi;
import static io.clusterdns.server.kubernetes.Dig.awaitAnswer;

import io.clusterdns.server.ClusterDns;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * The kubernetes options that select objects, seen in UDP answers of real servers watching one
 * mock API: {@code labels} and {@code namespaces} on one server, {@code pods verified} on another.
 */
class KubernetesApiFiltersTest {
  private static final Map<String, String> SELECTED = Map.of("app", "dns");

  private static MockApi api;
  private static KubernetesClient k8s;
  private static ClusterDns filtered;
  private static ClusterDns verifiedPods;

  @BeforeAll
  static void startApiAndServers() throws Exception {
    api = new MockApi().start();
    k8s = api.client();
    k8s.namespaces().resource(ApiObjects.namespace("shop")).create();
    k8s.namespaces().resource(ApiObjects.namespace("other")).create();
    filtered = start("labels app=dns\n    namespaces shop");
    verifiedPods = start("pods verified");
  }

  private static ClusterDns start(String options) throws Exception {
    return ClusterDns.builder()
        .corefile(".:0 {\n  kubernetes cluster.local {\n    endpoint " + api.url() + "\n    " + options
            + "\n    startup_timeout 60s\n  }\n}\n")
        .start();
  }

  @AfterAll
  static void stopServersThenApi() {
    try {
      WatchProbe.awaitWatching(k8s, "shop", SELECTED,
          List.of(filtered.udpAddress(), verifiedPods.udpAddress()), List.of(verifiedPods.udpAddress()));
    } finally {
      filtered.close();
      verifiedPods.close();
      api.close();
    }
  }

  @Test
  void labelsSelectServicesAndSlicesAsTheirLabelsChange() {
    InetSocketAddress udp = filtered.udpAddress();
    k8s.services().resource(ApiObjects.service("shop", "a", "10.96.3.1", SELECTED)).create();
    k8s.services().resource(ApiObjects.service("shop", "b", "10.96.3.2")).create();
    k8s.services().resource(ApiObjects.service("shop", "h", "None", SELECTED)).create();
    // Each informer delivers in order: once h-1 and h are answered, b and h-2 were seen too.
    k8s.discovery().v1().endpointSlices()
        .resource(ApiObjects.slice("shop", "h-2", "h", "10.244.3.2", Map.of())).create();
    k8s.discovery().v1().endpointSlices()
        .resource(ApiObjects.slice("shop", "h-1", "h", "10.244.3.1", SELECTED)).create();

    awaitAnswer(udp, "a.shop.svc.cluster.local.", Type.A, "NOERROR A 10.96.3.1");
    awaitAnswer(udp, "h.shop.svc.cluster.local.", Type.A, "NOERROR A 10.244.3.1");
    awaitAnswer(udp, "b.shop.svc.cluster.local.", Type.A, "NXDOMAIN");

    k8s.services().inNamespace("shop").withName("b").edit(s -> new ServiceBuilder(s)
        .editMetadata().addToLabels(SELECTED).endMetadata().build());
    k8s.services().inNamespace("shop").withName("a").edit(s -> new ServiceBuilder(s)
        .editMetadata().removeFromLabels("app").endMetadata().build());
    awaitAnswer(udp, "b.shop.svc.cluster.local.", Type.A, "NOERROR A 10.96.3.2");
    awaitAnswer(udp, "a.shop.svc.cluster.local.", Type.A, "NXDOMAIN");

    // The unfiltered server sees every one of them.
    InetSocketAddress all = verifiedPods.udpAddress();
    awaitAnswer(all, "a.shop.svc.cluster.local.", Type.A, "NOERROR A 10.96.3.1");
    awaitAnswer(all, "h.shop.svc.cluster.local.", Type.A, "NOERROR A 10.244.3.1, A 10.244.3.2");
  }

  @Test
  void namespacesHideEveryOtherNamespace() {
    k8s.services().resource(ApiObjects.service("other", "c", "10.96.4.1", SELECTED)).create();
    k8s.services().resource(ApiObjects.service("shop", "d", "10.96.4.2", SELECTED)).create();
    awaitAnswer(verifiedPods.udpAddress(), "c.other.svc.cluster.local.", Type.A, "NOERROR A 10.96.4.1");

    // Services arrive in order: once d is answered, c was seen and left out.
    InetSocketAddress udp = filtered.udpAddress();
    awaitAnswer(udp, "d.shop.svc.cluster.local.", Type.A, "NOERROR A 10.96.4.2");
    awaitAnswer(udp, "shop.svc.cluster.local.", Type.A, "NOERROR");
    awaitAnswer(udp, "other.svc.cluster.local.", Type.A, "NXDOMAIN");
    awaitAnswer(udp, "c.other.svc.cluster.local.", Type.A, "NXDOMAIN");
  }

  @Test
  void podsVerifiedAnswersOnlyAnExistingPodWithThatAddress() {
    InetSocketAddress udp = verifiedPods.udpAddress();
    String name = "10-244-5-7.shop.pod.cluster.local.";
    awaitAnswer(udp, name, Type.A, "NXDOMAIN");

    k8s.pods().resource(ApiObjects.runningPod("shop", "web-0", "10.244.5.7", Map.of())).create();
    awaitAnswer(udp, name, Type.A, "NOERROR A 10.244.5.7");
    awaitAnswer(udp, "10-244-5-8.shop.pod.cluster.local.", Type.A, "NXDOMAIN");
    awaitAnswer(udp, "10-244-5-7.other.pod.cluster.local.", Type.A, "NXDOMAIN");
    // The filtered server does not watch Pods: pod names do not exist there.
    awaitAnswer(filtered.udpAddress(), name, Type.A, "NXDOMAIN");

    k8s.pods().inNamespace("shop").withName("web-0").delete();
    awaitAnswer(udp, name, Type.A, "NXDOMAIN");
  }
}
