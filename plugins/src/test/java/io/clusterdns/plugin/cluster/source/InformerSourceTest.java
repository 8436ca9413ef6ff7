package io.clusterdns.plugin.cluster.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.cluster.EndpointInfo;
import io.clusterdns.plugin.cluster.ServiceEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InformerSourceTest {
  /**
   * The startup timeout of the tests that expect a synced start: one no loaded machine reaches
   * (5 s was reached under load, and the source then started unsynced).
   */
  private static final Duration SYNC = Duration.ofSeconds(60);

  private final MockApi api = new MockApi();
  private final ClusterView view = new ClusterView();
  private InformerSource source;

  @AfterEach
  void tearDown() {
    if (source != null) {
      source.close();
    }
    api.close();
  }

  private static ConditionFactory waiting() {
    return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10));
  }

  private void awaitView(Predicate<ClusterSnapshot> condition) {
    waiting().until(() -> condition.test(view.snapshot()));
  }

  private InformerSource start(SourceOptions options) throws Exception {
    source = new InformerSource(options, view, MockApi.fastRetries(options), Clock.systemUTC());
    source.start();
    return source;
  }

  private static Service service(String namespace, String name, String clusterIp, Map<String, String> labels) {
    return new ServiceBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withClusterIP(clusterIp).addNewPort().withName("http").withPort(80).endPort().endSpec()
        .build();
  }

  private static EndpointSlice slice(String namespace, String name, String service, Map<String, Boolean> ready) {
    EndpointSliceBuilder builder =
        new EndpointSliceBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .addToLabels(SliceConversion.SERVICE_NAME_LABEL, service)
            .endMetadata()
            .withAddressType("IPv4")
            .addNewPort().withName("http").withProtocol("TCP").withPort(8080).endPort();
    ready.forEach(
        (ip, isReady) ->
            builder.addNewEndpoint().withAddresses(ip).withNewConditions().withReady(isReady).endConditions().endEndpoint());
    return builder.build();
  }

  private static List<String> addresses(ServiceEntry entry) {
    return entry.endpoints().stream().map(EndpointInfo::address).map(InetAddress::getHostAddress).toList();
  }

  @Test
  void servicesSlicesAndNamespacesAreSeenAsTheyChange() throws Exception {
    KubernetesClient k8s = api.start().client();
    k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build()).create();
    start(api.options(null, null, false, SYNC));
    assertTrue(source.synced());
    awaitView(s -> s.synced() && s.hasNamespace("shop"));
    // The mock API replays nothing to a watch it has not registered yet: write once it has.
    waiting().until(source::watching);

    k8s.services().resource(service("shop", "db", "None", Map.of())).create();
    awaitView(s -> s.service("shop", "db") != null);
    k8s.discovery().v1().endpointSlices()
        .resource(slice("shop", "db-a", "db", Map.of("10.244.1.1", true, "10.244.1.2", false)))
        .create();
    k8s.discovery().v1().endpointSlices()
        .resource(slice("shop", "db-b", "db", Map.of("10.244.1.1", true, "10.244.1.3", true)))
        .create();
    awaitView(s -> addresses(s.service("shop", "db")).equals(List.of("10.244.1.1", "10.244.1.3")));

    k8s.discovery().v1().endpointSlices()
        .resource(slice("shop", "db-a", "db", Map.of("10.244.1.1", true, "10.244.1.2", true)))
        .update();
    awaitView(s -> addresses(s.service("shop", "db")).equals(List.of("10.244.1.1", "10.244.1.2", "10.244.1.3")));

    k8s.discovery().v1().endpointSlices().inNamespace("shop").withName("db-a").delete();
    awaitView(s -> addresses(s.service("shop", "db")).equals(List.of("10.244.1.1", "10.244.1.3")));

    Service published = service("shop", "db", "None", Map.of());
    published.getSpec().setPublishNotReadyAddresses(true);
    k8s.discovery().v1().endpointSlices()
        .resource(slice("shop", "db-b", "db", Map.of("10.244.1.1", true, "10.244.1.4", false)))
        .update();
    k8s.services().resource(published).update();
    awaitView(s -> addresses(s.service("shop", "db")).equals(List.of("10.244.1.1", "10.244.1.4")));

    k8s.services().inNamespace("shop").withName("db").delete();
    awaitView(s -> s.service("shop", "db") == null);
    k8s.namespaces().withName("shop").delete();
    awaitView(s -> !s.hasNamespace("shop"));
    waiting().until(source::watching);
  }

  @Test
  void serviceUpdateReplacesItsClusterIp() throws Exception {
    KubernetesClient k8s = api.start().client();
    k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build()).create();
    k8s.services().resource(service("default", "web", "10.96.0.20", Map.of())).create();
    start(api.options(null, null, false, SYNC));
    awaitView(s -> s.service("default", "web") != null);
    waiting().until(source::watching);
    k8s.services().resource(service("default", "web", "10.96.0.21", Map.of())).update();
    InetAddress updated = InetAddress.getByName("10.96.0.21");
    awaitView(s -> s.service("default", "web").service().clusterIps().equals(List.of(updated)));
    waiting().until(source::watching);
  }

  @Test
  void startsUnsyncedWhenTheApiIsDownAndSyncsWhenItComesUp() throws Exception {
    long began = System.nanoTime();
    start(api.options(null, null, false, Duration.ofMillis(400)));
    long tookMillis = (System.nanoTime() - began) / 1_000_000;
    assertFalse(source.synced());
    assertFalse(view.snapshot().synced());
    assertTrue(tookMillis >= 400 && tookMillis < 5000, "start took " + tookMillis + " ms");

    KubernetesClient k8s = api.start().client();
    k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build()).create();
    k8s.services().resource(service("default", "web", "10.96.0.20", Map.of())).create();
    awaitView(s -> s.synced() && s.service("default", "web") != null);
    assertTrue(source.synced());
    waiting().until(source::watching);
  }

  @Test
  void keepsTheLastViewWhenTheApiGoesAway() throws Exception {
    KubernetesClient k8s = api.start().client();
    k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build()).create();
    k8s.services().resource(service("default", "web", "10.96.0.20", Map.of())).create();
    start(api.options(null, null, false, SYNC));
    awaitView(s -> s.service("default", "web") != null);
    waiting().until(source::watching);
    ClusterSnapshot before = view.snapshot();

    api.stop();
    waiting().until(() -> !source.watching());
    assertTrue(source.synced());
    assertTrue(view.snapshot().synced());
    assertNotNull(view.snapshot().service("default", "web"));
    assertEquals(before.serial(), view.snapshot().serial());
  }

  @Test
  void labelSelectorsFilterServicesSlicesAndNamespaces() throws Exception {
    KubernetesClient k8s = api.start().client();
    k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("open").addToLabels("expose", "yes").endMetadata().build()).create();
    k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("closed").endMetadata().build()).create();
    Map<String, String> visible = Map.of("app", "dns");
    k8s.services().resource(service("open", "a", "None", visible)).create();
    k8s.services().resource(service("open", "b", "10.96.0.31", Map.of())).create();
    k8s.services().resource(service("closed", "c", "10.96.0.32", visible)).create();
    EndpointSlice labelled = slice("open", "a-1", "a", Map.of("10.244.2.1", true));
    labelled.getMetadata().getLabels().put("app", "dns");
    k8s.discovery().v1().endpointSlices().resource(labelled).create();
    k8s.discovery().v1().endpointSlices().resource(slice("open", "a-2", "a", Map.of("10.244.2.2", true))).create();
    start(api.options("app=dns", "expose=yes", false, SYNC));

    awaitView(s -> s.service("open", "a") != null && !s.service("open", "a").endpoints().isEmpty());
    ClusterSnapshot snapshot = view.snapshot();
    assertEquals(List.of("10.244.2.1"), addresses(snapshot.service("open", "a")));
    assertNull(snapshot.service("open", "b"));
    assertNull(snapshot.service("closed", "c"));
    assertFalse(snapshot.hasNamespace("closed"));

    waiting().until(source::watching);
    k8s.namespaces().withName("closed").edit(n -> new NamespaceBuilder(n).editMetadata().addToLabels("expose", "yes").endMetadata().build());
    awaitView(s -> s.service("closed", "c") != null);
    waiting().until(source::watching);
  }

  @Test
  void podsAreWatchedOnlyUnderPodsVerified() throws Exception {
    KubernetesClient k8s = api.start().client();
    k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build()).create();
    k8s.pods().resource(new PodBuilder()
        .withNewMetadata().withNamespace("default").withName("web-0").endMetadata()
        .withNewStatus().withPhase("Running").withPodIP("10.244.3.7").endStatus()
        .build()).create();
    InetAddress podIp = InetAddress.getByName("10.244.3.7");

    ClusterView withoutPods = new ClusterView();
    SourceOptions noPods = api.options(null, null, false, SYNC);
    try (InformerSource other = new InformerSource(noPods, withoutPods, MockApi.fastRetries(noPods), Clock.systemUTC())) {
      other.start();
      waiting().until(() -> withoutPods.snapshot().synced() && withoutPods.snapshot().hasNamespace("default"));
      assertTrue(withoutPods.snapshot().podsWithIp(podIp).isEmpty());
      waiting().until(other::watching);
    }

    start(api.options(null, null, true, SYNC));
    awaitView(s -> !s.podsWithIp(podIp).isEmpty());
    assertEquals("web-0", view.snapshot().podsWithIp(podIp).get(0).name());
    waiting().until(source::watching);
    k8s.pods().inNamespace("default").withName("web-0").delete();
    awaitView(s -> s.podsWithIp(podIp).isEmpty());
    waiting().until(source::watching);
  }
}
