package io.clusterdns.plugin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A value is built when a view publishes, never when it is read, and always of the latest
 * snapshots.
 */
class LiveValueTest {
  private final ClusterView cluster = new ClusterView();
  private final GatewayView gateways = new GatewayView();
  private final AtomicInteger builds = new AtomicInteger();

  @Test
  void isBuiltOnFollowAndOnEachPublishNotOnRead() {
    LiveValue<Long> serial = LiveValue.of(cluster, this::serialOf);
    serial.follow();
    assertEquals(new LiveValue.Version<>(0L, 1), serial.current());

    cluster.publish(snapshot(7));
    assertEquals(2, builds.get(), "built in the publisher's thread");
    for (int i = 0; i < 3; i++) {
      assertEquals(new LiveValue.Version<>(7L, 2), serial.current());
    }
    assertEquals(2, builds.get(), "reads build nothing");
  }

  @Test
  void theSameSnapshotPublishedAgainKeepsValueAndGeneration() {
    LiveValue<Long> serial = LiveValue.of(cluster, this::serialOf);
    serial.follow();
    ClusterSnapshot seven = snapshot(7);
    cluster.publish(seven);
    LiveValue.Version<Long> built = serial.current();
    cluster.publish(seven);
    assertSame(built, serial.current());
    assertEquals(2, builds.get());
  }

  @Test
  void twoViewsRebuildOnEitherAndTellEachNewValue() {
    List<String> told = new CopyOnWriteArrayList<>();
    LiveValue<String> pair =
        LiveValue.of(cluster, gateways, (c, g) -> c.serial() + "/" + g.serial(), told::add);
    pair.follow();
    cluster.publish(snapshot(1));
    gateways.publish(gatewaySnapshot(5));
    assertEquals(new LiveValue.Version<>("1/5", 3), pair.current());
    assertEquals(List.of("0/0", "1/0", "1/5"), told);
  }

  @Test
  void stoppedItKeepsTheLastValue() {
    LiveValue<Long> serial = LiveValue.of(cluster, this::serialOf);
    serial.follow();
    cluster.publish(snapshot(3));
    serial.stop();
    cluster.publish(snapshot(4));
    assertEquals(new LiveValue.Version<>(3L, 2), serial.current());
  }

  /** Publishers race on two views; whatever the interleaving, the last value is of both last ones. */
  @Test
  void concurrentPublishersLeaveTheValueOfTheLatestSnapshots() throws Exception {
    LiveValue<String> pair =
        LiveValue.of(cluster, gateways, (c, g) -> c.serial() + "/" + g.serial(), value -> {});
    pair.follow();
    int publishes = 2000;
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<?> clusters =
          threads.submit(() -> {
            for (int i = 1; i <= publishes; i++) {
              cluster.publish(snapshot(i));
            }
          });
      Future<?> gatewayPublishes =
          threads.submit(() -> {
            for (int i = 1; i <= publishes; i++) {
              gateways.publish(gatewaySnapshot(i));
            }
          });
      clusters.get();
      gatewayPublishes.get();
    } finally {
      threads.shutdownNow();
    }
    assertEquals(publishes + "/" + publishes, pair.current().value());
  }

  private long serialOf(ClusterSnapshot snapshot) {
    builds.incrementAndGet();
    return snapshot.serial();
  }

  private static ClusterSnapshot snapshot(long serial) {
    return ClusterSnapshot.builder().build(true, serial);
  }

  private static GatewaySnapshot gatewaySnapshot(long serial) {
    return new GatewaySnapshot(List.of(), List.of(), List.of(), serial);
  }
}
