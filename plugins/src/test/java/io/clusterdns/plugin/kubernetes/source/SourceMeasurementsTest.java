package io.clusterdns.plugin.kubernetes.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.plugin.kubernetes.view.ClusterSnapshot;
import io.clusterdns.plugin.kubernetes.view.ClusterView;
import io.clusterdns.plugin.kubernetes.view.EndpointInfo;
import io.clusterdns.plugin.kubernetes.view.PortInfo;
import io.clusterdns.plugin.kubernetes.view.ServiceInfo;
import io.clusterdns.plugin.kubernetes.view.ServiceKind;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Numbers for the report, not assertions on timings: run with
 * {@code -Dtest=SourceMeasurementsTest -Dclusterdns.measure=true}; results go to the test output.
 */
@EnabledIfSystemProperty(named = "clusterdns.measure", matches = "true")
class SourceMeasurementsTest {
  private static final int CHANGES = 1000;

  @Test
  void apiWriteToSnapshotLatency() throws Exception {
    try (MockApi api = new MockApi().start()) {
      KubernetesClient k8s = api.client();
      k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build()).create();
      ClusterView view = new ClusterView();
      SourceOptions options = api.options(null, null, false, Duration.ofSeconds(10));
      try (InformerSource source = new InformerSource(options, view, MockApi.fastRetries(options), Clock.systemUTC())) {
        source.start();
        long[] latency = new long[CHANGES];
        long[] write = new long[CHANGES];
        long began = System.nanoTime();
        for (int i = 0; i < CHANGES; i++) {
          String name = "s" + i;
          long t0 = System.nanoTime();
          k8s.services().resource(new ServiceBuilder()
              .withNewMetadata().withNamespace("default").withName(name).endMetadata()
              .withNewSpec().withClusterIP("10.96." + (i / 250) + "." + (i % 250 + 1)).endSpec()
              .build()).create();
          write[i] = System.nanoTime() - t0;
          while (view.snapshot().service("default", name) == null) {
            LockSupport.parkNanos(20_000);
          }
          latency[i] = System.nanoTime() - t0;
        }
        long total = System.nanoTime() - began;
        System.out.printf("API write -> snapshot, %d creates, total %.1f s%n", CHANGES, total / 1e9);
        print("  write (REST create call)", write);
        print("  write -> visible in snapshot", latency);
        assertEquals(CHANGES, view.snapshot().services().size());
      }
    }
  }

  @Test
  void snapshotOf10000ServicesAnd50000Endpoints() throws Exception {
    ClusterStore store = new ClusterStore(ClusterStore.NamespaceRule.IMPLIED, Clock.systemUTC(), () -> {});
    List<PortInfo> ports = List.of(new PortInfo("http", "tcp", 8080));
    for (int i = 0; i < 10_000; i++) {
      String namespace = "ns" + (i % 100);
      String name = "svc" + i;
      InetAddress clusterIp = InetAddress.getByAddress(new byte[] {10, 96, (byte) (i >> 8), (byte) i});
      store.putService(new ServiceInfo(namespace, name, ServiceKind.CLUSTER_IP, List.of(clusterIp), "",
          List.of(new PortInfo("http", "tcp", 80)), List.of(), false));
      List<EndpointInfo> endpoints = new ArrayList<>();
      for (int e = 0; e < 5; e++) {
        int n = i * 5 + e;
        InetAddress ip = InetAddress.getByAddress(new byte[] {10, (byte) (128 + (n >> 16)), (byte) (n >> 8), (byte) n});
        endpoints.add(new EndpointInfo(ip, null, name + "-pod-" + e, "zone-a", ports));
      }
      store.putSlice(new SliceInfo("EndpointSlice/" + namespace + "/" + name, namespace, name, endpoints, endpoints));
    }
    long[] build = new long[10];
    ClusterSnapshot snapshot = null;
    for (int i = 0; i < build.length; i++) {
      long t0 = System.nanoTime();
      snapshot = store.snapshot(true);
      build[i] = System.nanoTime() - t0;
    }
    System.out.println("ClusterStore.snapshot() of 10,000 Services / 50,000 endpoints (10 runs)");
    print("  build", build);

    ClusterSnapshot[] held = new ClusterSnapshot[1];
    long before = usedAfterGc();
    held[0] = ClusterSnapshot.builder().build(true, 0);
    long baseline = usedAfterGc() - before;
    snapshot = null;
    long withInputs = usedAfterGc();
    held[0] = buildDirectly();
    long after = usedAfterGc();
    System.out.printf("Heap retained by a snapshot of 10,000 Services / 50,000 endpoints, built with the builder"
        + " (records included): %.1f MiB (baseline noise %d bytes)%n", (after - withInputs) / 1048576.0, baseline);
    assertEquals(10_000, held[0].services().size());
  }

  private static ClusterSnapshot buildDirectly() throws Exception {
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    List<PortInfo> ports = List.of(new PortInfo("http", "tcp", 8080));
    for (int i = 0; i < 10_000; i++) {
      String namespace = "ns" + (i % 100);
      String name = "svc" + i;
      InetAddress clusterIp = InetAddress.getByAddress(new byte[] {10, 96, (byte) (i >> 8), (byte) i});
      builder.service(new ServiceInfo(namespace, name, ServiceKind.CLUSTER_IP, List.of(clusterIp), "",
          List.of(new PortInfo("http", "tcp", 80)), List.of(), false));
      List<EndpointInfo> endpoints = new ArrayList<>();
      for (int e = 0; e < 5; e++) {
        int n = i * 5 + e;
        InetAddress ip = InetAddress.getByAddress(new byte[] {10, (byte) (128 + (n >> 16)), (byte) (n >> 8), (byte) n});
        endpoints.add(new EndpointInfo(ip, null, name + "-pod-" + e, "zone-a", ports));
      }
      builder.endpoints(namespace, name, endpoints);
    }
    return builder.build(true, 0);
  }

  private static long usedAfterGc() throws InterruptedException {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }

  private static void print(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf("%s: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", what,
        sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
        sorted[sorted.length - 1] / 1e6);
  }
}
