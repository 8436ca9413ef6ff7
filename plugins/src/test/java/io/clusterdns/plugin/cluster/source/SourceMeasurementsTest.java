package io.clusterdns.plugin.cluster.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.cluster.EndpointInfo;
import io.clusterdns.plugin.cluster.PortInfo;
import io.clusterdns.plugin.cluster.ServiceEntry;
import io.clusterdns.plugin.cluster.ServiceInfo;
import io.clusterdns.plugin.cluster.ServiceKind;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Numbers for the report, not assertions on timings: run with
 * {@code -Dtest=SourceMeasurementsTest -Dclusterdns.measure=true}; results go to the test output.
 */
@EnabledIfSystemProperty(named = "clusterdns.measure", matches = "true")
class SourceMeasurementsTest {
  private static final int CHANGES = 1000;
  private static final int SEED_THREADS = 8;
  private static final int LOAD_NAMESPACES = 10;
  private static final int LOAD_RUNS = 3;

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

  /**
   * Seeds the mock API with Services in {@value #LOAD_NAMESPACES} namespaces, one slice of 5 ready
   * endpoints each, then times start() of a fresh InformerSource until the view holds a synced
   * snapshot with every Service and endpoint. Seeding is timed apart and not part of the load.
   */
  @Test
  void loadTimeFromApi() throws Exception {
    int services = Integer.getInteger("clusterdns.measure.apiServices", 10_000);
    try (MockApi api = new MockApi().start()) {
      SourceOptions options = api.options(null, null, false, Duration.ofMinutes(5));
      long seeding = seed(api, options, services);
      System.out.printf("API load, %,d Services / %,d endpoints in %d namespaces: seeding through REST"
              + " (%d threads, not part of the load) %.1f s, %.2f ms of wall time per object%n",
          services, services * 5, LOAD_NAMESPACES, SEED_THREADS, seeding / 1e9,
          seeding / 1e6 / (services * 2 + LOAD_NAMESPACES));
      long[] load = new long[LOAD_RUNS];
      long[] startReturned = new long[LOAD_RUNS];
      ClusterView view = null;
      for (int run = 0; run < LOAD_RUNS; run++) {
        view = new ClusterView();
        ClusterView loading = view;
        try (InformerSource source = new InformerSource(options, view, MockApi.fastRetries(options), Clock.systemUTC())) {
          long t0 = System.nanoTime();
          source.start();
          startReturned[run] = System.nanoTime() - t0;
          ClusterSnapshot atReturn = loading.snapshot();
          while (!loaded(loading.snapshot(), services)) {
            LockSupport.parkNanos(100_000);
          }
          load[run] = System.nanoTime() - t0;
          drainWatches(api.client(), source, loading);
          System.out.printf("  run %d: start() returned after %.0f ms (view then synced=%b, %,d Services, %,d endpoints),"
                  + " full synced snapshot after %.0f ms%n",
              run + 1, startReturned[run] / 1e6, atReturn.synced(), atReturn.services().size(), endpoints(atReturn),
              load[run] / 1e6);
        }
      }
      long[] sorted = load.clone();
      Arrays.sort(sorted);
      System.out.printf("  load time, median of %d fresh sources: %.0f ms (min %.0f, max %.0f)%n",
          LOAD_RUNS, sorted[LOAD_RUNS / 2] / 1e6, sorted[0] / 1e6, sorted[LOAD_RUNS - 1] / 1e6);
      ClusterSnapshot[] held = {view.snapshot()};
      view = null;
      long holding = usedAfterGc();
      assertEquals(services, held[0].services().size());
      held[0] = null;
      long released = usedAfterGc();
      System.out.printf("  heap retained by the loaded snapshot: %.1f MiB, %.0f bytes per Service+endpoint%n",
          (holding - released) / 1048576.0, (holding - released) / (services * 6.0));
    }
  }

  /**
   * Closing a source while the mock still streams a watch's opening ADDED events (one per stored
   * object) blocks the mock's event loop for a minute, and isWatching alone
   * does not show the end of that stream. Each mock watch sends in order from one thread, so once a
   * marker written after the watch opened has come and gone through all three watches, nothing is
   * left queued.
   */
  private static void drainWatches(KubernetesClient k8s, InformerSource source, ClusterView view) {
    ConditionFactory waiting = await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).atMost(Duration.ofMinutes(2));
    waiting.until(source::watching);
    String namespace = "load-marker";
    k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
    createServiceWithSlice(k8s, "ns0", "load-marker", 0xFFFF);
    waiting.until(() -> view.snapshot().hasNamespace(namespace) && markerEndpoints(view.snapshot()) == 5);
    k8s.namespaces().withName(namespace).delete();
    k8s.services().inNamespace("ns0").withName("load-marker").delete();
    k8s.discovery().v1().endpointSlices().inNamespace("ns0").withName("load-marker-x1").delete();
    waiting.until(() -> !view.snapshot().hasNamespace(namespace) && markerEndpoints(view.snapshot()) == -1);
  }

  private static int markerEndpoints(ClusterSnapshot snapshot) {
    ServiceEntry marker = snapshot.service("ns0", "load-marker");
    return marker == null ? -1 : marker.endpoints().size();
  }

  private static boolean loaded(ClusterSnapshot snapshot, int services) {
    if (!snapshot.synced() || snapshot.services().size() != services) {
      return false;
    }
    return endpoints(snapshot) == services * 5;
  }

  private static int endpoints(ClusterSnapshot snapshot) {
    return snapshot.services().stream().mapToInt(entry -> entry.endpoints().size()).sum();
  }

  /** Creates the namespaces, then Services and their slices from parallel clients; returns nanos. */
  private static long seed(MockApi api, SourceOptions options, int services) throws Exception {
    long t0 = System.nanoTime();
    KubernetesClient k8s = api.client();
    for (int n = 0; n < LOAD_NAMESPACES; n++) {
      k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("ns" + n).endMetadata().build()).create();
    }
    ExecutorService pool = Executors.newFixedThreadPool(SEED_THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < SEED_THREADS; t++) {
        int first = t;
        done.add(pool.submit(() -> {
          try (KubernetesClient client = new KubernetesClientBuilder().withConfig(ClientConfigs.forOptions(options)).build()) {
            for (int i = first; i < services; i += SEED_THREADS) {
              createServiceWithSlice(client, i);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return System.nanoTime() - t0;
  }

  private static void createServiceWithSlice(KubernetesClient client, int i) {
    createServiceWithSlice(client, "ns" + (i % LOAD_NAMESPACES), "svc" + i, i);
  }

  private static void createServiceWithSlice(KubernetesClient client, String namespace, String name, int i) {
    client.services().resource(new ServiceBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
        .withNewSpec().withClusterIP("10." + (96 + (i >> 16)) + "." + ((i >> 8) & 255) + "." + (i & 255))
        .addNewPort().withName("http").withPort(80).endPort().endSpec()
        .build()).create();
    EndpointSliceBuilder slice = new EndpointSliceBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name + "-x1")
        .addToLabels(SliceConversion.SERVICE_NAME_LABEL, name).endMetadata()
        .withAddressType("IPv4")
        .addNewPort().withName("http").withProtocol("TCP").withPort(8080).endPort();
    for (int e = 0; e < 5; e++) {
      int n = i * 5 + e;
      slice.addNewEndpoint().withAddresses("10." + (128 + (n >> 16)) + "." + ((n >> 8) & 255) + "." + (n & 255))
          .withNewConditions().withReady(true).endConditions().endEndpoint();
    }
    client.discovery().v1().endpointSlices().resource(slice.build()).create();
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
