package io.clusterdns.server.kubernetes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.Directive;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;
import io.clusterdns.plugin.kubernetes.KubernetesHandler;
import io.clusterdns.plugin.cluster.source.MockApi;
import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.server.ClusterDns;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * A block with {@code cache 30} in front of {@code kubernetes}: a negative answer the cache holds
 * for 30 s is not served once the cluster view has the Service that was missing.
 */
class CachedClusterAnswersTest {
  private static final String NAMESPACE = "cached";
  private static final String NAME = "web." + NAMESPACE + ".svc.cluster.local.";
  /** The zones label of this test's cache, which no other test uses. */
  private static final String ZONES = "cluster.local.";

  @Test
  void aCachedNxdomainIsNotServedAfterTheServiceAppears() throws Exception {
    AtomicReference<SetupContext> block = new AtomicReference<>();
    try (MockApi api = new MockApi().start()) {
      KubernetesClient k8s = api.client();
      k8s.namespaces().resource(ApiObjects.namespace(NAMESPACE)).create();
      try (ClusterDns dns = ClusterDns.builder()
          .plugins(PluginRegistry.withExtra(Map.of(new SiblingProbe(block), "kubernetes")))
          .corefile("cluster.local:0 {\n  cache 30\n  siblingprobe\n  kubernetes {\n    endpoint " + api.url()
              + "\n    ttl 30\n    startup_timeout 60s\n  }\n}\n")
          .start()) {
        InetSocketAddress udp = dns.udpAddress();
        KubernetesHandler kubernetes = (KubernetesHandler) block.get().sibling("kubernetes").orElseThrow();
        awaitView(kubernetes, snapshot -> snapshot.hasNamespace(NAMESPACE));

        double hitsBefore = denialHits();
        assertEquals("NXDOMAIN", Dig.answer(udp, NAME, Type.A));
        assertEquals("NXDOMAIN", Dig.answer(udp, NAME, Type.A));
        assertEquals(hitsBefore + 1, denialHits(), "the second NXDOMAIN came from the cache");

        k8s.services().resource(ApiObjects.service(NAMESPACE, "web", "10.96.7.7")).create();
        awaitView(kubernetes, snapshot -> snapshot.service(NAMESPACE, "web") != null);

        assertEquals("NOERROR A 10.96.7.7", Dig.answer(udp, NAME, Type.A));
        WatchProbe.awaitWatching(k8s, NAMESPACE, Map.of(), List.of(udp), List.of());
      }
    }
  }

  private static void awaitView(KubernetesHandler kubernetes, Predicate<ClusterSnapshot> condition) {
    await()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5))
        .atMost(Duration.ofSeconds(10))
        .until(() -> condition.test(kubernetes.view().snapshot()));
  }

  private static double denialHits() {
    for (MetricSnapshot metric : PrometheusRegistry.defaultRegistry.scrape()) {
      if (metric.getMetadata().getPrometheusName().equals("coredns_cache_hits")) {
        for (CounterSnapshot.CounterDataPointSnapshot point : ((CounterSnapshot) metric).getDataPoints()) {
          if (ZONES.equals(point.getLabels().get("zones")) && "denial".equals(point.getLabels().get("type"))) {
            return point.getValue();
          }
        }
      }
    }
    return 0;
  }

  /** A plugin that passes every query on and lets the test reach the block's other plugins. */
  private record SiblingProbe(AtomicReference<SetupContext> block) implements PluginSetup {
    @Override
    public String name() {
      return "siblingprobe";
    }

    @Override
    public Handler setup(Directive directive, SetupContext context) {
      block.set(context);
      return (request, next) -> next.next(request);
    }
  }
}
