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
import java.util.Random;
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
  void changeCostAt10000ServicesAnd50000Endpoints() throws Exception {
    measureChanges(10_000, 500);
  }

  @Test
  void changeCostAt100000ServicesAnd500000Endpoints() throws Exception {
    measureChanges(100_000, Integer.getInteger("clusterdns.measure.bigChanges", 300));
  }

  @Test
  void retainedHeapOfSnapshots() throws Exception {
    for (int services : new int[] {10_000, 100_000}) {
      ClusterSnapshot[] held = new ClusterSnapshot[1];
      long before = usedAfterGc();
      held[0] = buildDirectly(services);
      long after = usedAfterGc();
      System.out.printf("Heap retained by a snapshot of %,d Services / %,d endpoints, built with the builder"
              + " (records included): %.1f MiB, %.0f bytes per object%n",
          services, services * 5, (after - before) / 1048576.0, (after - before) / (services * 6.0));
      assertEquals(services, held[0].services().size());
      held[0] = null;
    }
  }

  /**
   * Loads {@code services} Services with one 5-endpoint slice each into a store, then times the
   * first (full) snapshot and {@code changes} single changes each followed by a publish: a slice
   * whose endpoints move, a Service whose port changes, a Service created, a Service deleted.
   */
  private static void measureChanges(int services, int changes) throws Exception {
    ClusterStore store = new ClusterStore(ClusterStore.NamespaceRule.MUST_EXIST, Clock.systemUTC(), () -> {});
    for (int n = 0; n < 100; n++) {
      store.putNamespace("ns" + n);
    }
    for (int i = 0; i < services; i++) {
      store.putService(service(i, 80));
      store.putSlice(slice(i, 0));
    }
    long t0 = System.nanoTime();
    ClusterSnapshot snapshot = store.snapshot(true);
    long initial = System.nanoTime() - t0;
    assertEquals(services, snapshot.services().size());
    Random random = new Random(42);
    long[] cost = new long[changes];
    for (int c = 0; c < changes; c++) {
      int i = random.nextInt(services);
      long start = System.nanoTime();
      switch (c % 4) {
        case 0 -> store.putSlice(slice(i, c + 1));
        case 1 -> store.putService(service(i, 1000 + c));
        case 2 -> store.putService(service(services + c, 80));
        default -> store.removeService(service(services + c - 1, 80).key());
      }
      snapshot = store.snapshot(true);
      cost[c] = System.nanoTime() - start;
    }
    long[] full = new long[5];
    for (int r = 0; r < full.length; r++) {
      long start = System.nanoTime();
      store.fullSnapshot(true);
      full[r] = System.nanoTime() - start;
    }
    System.out.printf("%,d Services / %,d endpoints: first snapshot (cold JVM) %.1f ms%n", services, services * 5, initial / 1e6);
    print("  full build, warm (5 runs)", full);
    print(String.format("  one change + publish (%d changes)", changes), cost);
    assertEquals(services, snapshot.services().size());
  }

  private static ServiceInfo service(int i, int port) throws Exception {
    InetAddress clusterIp = InetAddress.getByAddress(new byte[] {10, (byte) (96 + (i >> 16)), (byte) (i >> 8), (byte) i});
    return new ServiceInfo("ns" + (i % 100), "svc" + i, ServiceKind.CLUSTER_IP, List.of(clusterIp), "",
        List.of(new PortInfo("http", "tcp", port)), List.of(), false);
  }

  /** Slice of Service {@code i}; {@code shift} moves its endpoints to other addresses. */
  private static SliceInfo slice(int i, int shift) throws Exception {
    String namespace = "ns" + (i % 100);
    String name = "svc" + i;
    List<PortInfo> ports = List.of(new PortInfo("http", "tcp", 8080));
    List<EndpointInfo> endpoints = new ArrayList<>();
    for (int e = 0; e < 5; e++) {
      int n = i * 5 + e + shift * 7;
      InetAddress ip = InetAddress.getByAddress(new byte[] {10, (byte) (128 + (n >> 16)), (byte) (n >> 8), (byte) n});
      endpoints.add(new EndpointInfo(ip, null, name + "-pod-" + e, "zone-a", ports));
    }
    return new SliceInfo("EndpointSlice/" + namespace + "/" + name, namespace, name, endpoints, endpoints);
  }

  private static ClusterSnapshot buildDirectly(int services) throws Exception {
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    for (int i = 0; i < services; i++) {
      ServiceInfo service = service(i, 80);
      builder.service(service);
      builder.endpoints(service.namespace(), service.name(), slice(i, 0).ready());
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
