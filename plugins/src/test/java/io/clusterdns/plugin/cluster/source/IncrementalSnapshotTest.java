package io.clusterdns.plugin.cluster.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.EndpointInfo;
import io.clusterdns.plugin.cluster.PodInfo;
import io.clusterdns.plugin.cluster.PortInfo;
import io.clusterdns.plugin.cluster.ServiceEntry;
import io.clusterdns.plugin.cluster.ServiceInfo;
import io.clusterdns.plugin.cluster.ServiceKind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random writes through the store, published incrementally after every few, must give the same
 * look-ups as a snapshot built from all objects at that moment. The object universe is small so
 * that names, slices and addresses collide: slices move between Services, Services share
 * addresses with each other's endpoints, namespaces come and go under populated objects.
 */
class IncrementalSnapshotTest {
  private static final int NAMESPACES = 4;
  private static final int SERVICES_PER_NAMESPACE = 30;
  private static final int SLICES_PER_NAMESPACE = 40;
  private static final int PODS_PER_NAMESPACE = 20;
  private static final List<InetAddress> ADDRESSES = addresses();
  private static final List<PortInfo> PORTS =
      List.of(new PortInfo("http", "tcp", 80), new PortInfo("dns", "udp", 53), new PortInfo("", "tcp", 8080));

  static Stream<Arguments> seeds() {
    return Stream.of(ClusterStore.NamespaceRule.values())
        .flatMap(rule -> Stream.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L).map(seed -> Arguments.of(rule, seed)));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void incrementalSnapshotsEqualSnapshotsBuiltFromScratch(ClusterStore.NamespaceRule rule, long seed) {
    System.out.println("IncrementalSnapshotTest " + rule + " seed " + seed);
    Random random = new Random(seed);
    ClusterStore store = new ClusterStore(rule, Clock.systemUTC(), () -> {});
    for (int i = 0; i < 200; i++) {
      write(store, random);
    }
    for (int step = 0; step < 300; step++) {
      int writes = random.nextInt(4) == 0 ? random.nextInt(12) : 1;
      for (int w = 0; w < writes; w++) {
        write(store, random);
      }
      boolean synced = random.nextBoolean();
      assertSameLookUps(store.fullSnapshot(synced), store.snapshot(synced), rule + " seed " + seed + " step " + step);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void changesAfterAFirstLoadDeriveAsSnapshotsBuiltFromScratch(ClusterStore.NamespaceRule rule, long seed) {
    System.out.println("IncrementalSnapshotTest first load " + rule + " seed " + seed);
    Random random = new Random(seed);
    ClusterStore store = new ClusterStore(rule, Clock.systemUTC(), () -> {});
    // A store with nothing in it takes a whole load at once; what follows derives from what it stored.
    store.replaceAll(randomObjects(random));
    assertSameLookUps(store.fullSnapshot(true), store.snapshot(true), rule + " seed " + seed + " first load");
    for (int step = 0; step < 60; step++) {
      int writes = 1 + random.nextInt(3);
      for (int w = 0; w < writes; w++) {
        write(store, random);
      }
      assertSameLookUps(store.fullSnapshot(true), store.snapshot(true), rule + " seed " + seed + " step " + step);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void fullSnapshotsBuiltWithAHelperThreadEqualThoseBuiltOnOne(ClusterStore.NamespaceRule rule, long seed) {
    System.out.println("IncrementalSnapshotTest helper " + rule + " seed " + seed);
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    ExecutorService helper = Executors.newSingleThreadExecutor();
    try {
      ClusterStore alone = new ClusterStore(rule, clock, () -> {});
      ClusterStore helped = new ClusterStore(rule, clock, () -> {}, helper);
      Random aloneWrites = new Random(seed);
      Random helpedWrites = new Random(seed);
      for (int step = 0; step < 6; step++) {
        for (int w = 0; w < 50; w++) {
          write(alone, aloneWrites);
          write(helped, helpedWrites);
        }
        assertSameLookUps(alone.fullSnapshot(true), helped.fullSnapshot(true), rule + " seed " + seed + " step " + step);
      }
    } finally {
      helper.shutdownNow();
    }
  }

  private static void write(ClusterStore store, Random random) {
    String namespace = "ns" + random.nextInt(NAMESPACES);
    switch (random.nextInt(100)) {
      case 0, 1 -> store.putNamespace(namespace);
      case 2 -> store.removeNamespace(namespace);
      case 3 -> store.replaceAll(randomObjects(random));
      default -> {
        int kind = random.nextInt(6);
        switch (kind) {
          case 0 -> store.putService(service(random, namespace));
          case 1 -> store.removeService(namespace + "/s" + random.nextInt(SERVICES_PER_NAMESPACE));
          case 2 -> store.putSlice(slice(random, namespace));
          case 3 -> store.removeSlice(sliceId(namespace, random.nextInt(SLICES_PER_NAMESPACE)));
          case 4 -> {
            PodInfo pod = pod(random, namespace);
            store.putPod(pod.namespace() + "/" + pod.name(), pod);
          }
          default -> store.removePod(namespace + "/p" + random.nextInt(PODS_PER_NAMESPACE));
        }
      }
    }
  }

  private static ClusterObjects randomObjects(Random random) {
    ClusterObjects objects = new ClusterObjects();
    for (int i = random.nextInt(150); i > 0; i--) {
      String namespace = "ns" + random.nextInt(NAMESPACES);
      ServiceInfo service = service(random, namespace);
      objects.services.put(service.key(), service);
      SliceInfo slice = slice(random, namespace);
      objects.slices.put(slice.id(), slice);
      PodInfo pod = pod(random, namespace);
      objects.pods.put(pod.namespace() + "/" + pod.name(), pod);
      if (random.nextInt(10) == 0) {
        objects.namespaces.add(namespace);
      }
    }
    return objects;
  }

  private static ServiceInfo service(Random random, String namespace) {
    ServiceKind kind = ServiceKind.values()[random.nextInt(3)];
    List<InetAddress> clusterIps =
        kind == ServiceKind.CLUSTER_IP ? pick(random, ADDRESSES, 1 + random.nextInt(2)) : List.of();
    return new ServiceInfo(
        namespace,
        "s" + random.nextInt(SERVICES_PER_NAMESPACE),
        kind,
        clusterIps,
        kind == ServiceKind.EXTERNAL_NAME ? "example.com" : "",
        pick(random, PORTS, random.nextInt(3)),
        random.nextInt(5) == 0 ? List.of("192.0.2.1") : List.of(),
        random.nextBoolean());
  }

  private static String sliceId(String namespace, int n) {
    return "EndpointSlice/" + namespace + "/slice" + n;
  }

  private static SliceInfo slice(Random random, String namespace) {
    List<EndpointInfo> all = new ArrayList<>();
    for (InetAddress address : pick(random, ADDRESSES, random.nextInt(5))) {
      all.add(new EndpointInfo(
          address,
          random.nextInt(3) == 0 ? "host" + random.nextInt(2) : null,
          random.nextBoolean() ? "pod" + random.nextInt(3) : null,
          random.nextBoolean() ? "zone-a" : null,
          pick(random, PORTS, random.nextInt(3))));
    }
    List<EndpointInfo> ready = all.stream().filter(e -> random.nextInt(3) > 0).toList();
    return new SliceInfo(
        sliceId(namespace, random.nextInt(SLICES_PER_NAMESPACE)),
        namespace,
        "s" + random.nextInt(SERVICES_PER_NAMESPACE),
        ready,
        all);
  }

  private static PodInfo pod(Random random, String namespace) {
    return new PodInfo(namespace, "p" + random.nextInt(PODS_PER_NAMESPACE), ADDRESSES.get(random.nextInt(ADDRESSES.size())));
  }

  /** {@code count} distinct elements of {@code from} in random order. */
  private static <T> List<T> pick(Random random, List<T> from, int count) {
    List<T> left = new ArrayList<>(from);
    List<T> picked = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      picked.add(left.remove(random.nextInt(left.size())));
    }
    return picked;
  }

  private static void assertSameLookUps(ClusterSnapshot expected, ClusterSnapshot actual, String where) {
    assertEquals(expected.synced(), actual.synced(), where);
    assertEquals(expected.serial(), actual.serial(), where);
    assertEquals(expected.namespaces(), actual.namespaces(), where);
    Map<String, ServiceEntry> expectedEntries = byKey(expected);
    Map<String, ServiceEntry> actualEntries = byKey(actual);
    assertEquals(expectedEntries.keySet(), actualEntries.keySet(), where);
    expectedEntries.forEach((key, entry) -> assertEquals(entry, actualEntries.get(key), where + " " + key));
    assertEquals(expected.services().size(), actual.services().size(), where);
    for (int n = 0; n < NAMESPACES; n++) {
      String namespace = "ns" + n;
      assertEquals(expected.hasNamespace(namespace), actual.hasNamespace(namespace), where);
      for (int s = 0; s < SERVICES_PER_NAMESPACE; s++) {
        assertEquals(expected.service(namespace, "s" + s), actual.service(namespace, "s" + s), where);
      }
    }
    for (InetAddress ip : ADDRESSES) {
      assertEquals(expected.servicesWithClusterIp(ip), actual.servicesWithClusterIp(ip), where + " " + ip);
      assertEquals(expected.endpointsWithIp(ip), actual.endpointsWithIp(ip), where + " " + ip);
      assertEquals(expected.podsWithIp(ip), actual.podsWithIp(ip), where + " " + ip);
    }
  }

  private static Map<String, ServiceEntry> byKey(ClusterSnapshot snapshot) {
    Map<String, ServiceEntry> entries = new HashMap<>();
    for (ServiceEntry entry : snapshot.services()) {
      assertEquals(null, entries.put(entry.service().key(), entry), "a Service listed twice");
    }
    return entries;
  }

  private static List<InetAddress> addresses() {
    List<InetAddress> addresses = new ArrayList<>();
    try {
      for (int i = 1; i <= 12; i++) {
        addresses.add(InetAddress.getByName("10.0.0." + i));
      }
      addresses.add(InetAddress.getByName("fd00::1"));
      addresses.add(InetAddress.getByName("fd00::2"));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    return List.copyOf(addresses);
  }
}
