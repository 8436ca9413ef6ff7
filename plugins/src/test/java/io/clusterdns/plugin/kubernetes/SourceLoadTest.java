package io.clusterdns.plugin.kubernetes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.cluster.source.ClusterSource;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The kubernetes plugin's first load of the cluster, begun from {@code begin()} on a thread of
 * its own and waited for by {@code start()}: the same source, the same failures, and a close
 * that comes while it loads leaves nothing open.
 */
class SourceLoadTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  /** Records what is done to it; its start waits for {@link #release} and may fail. */
  private static final class FakeSource implements ClusterSource {
    final List<String> events = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    volatile String startThread;
    volatile Exception failure;

    @Override
    public void start() throws Exception {
      startThread = Thread.currentThread().getName();
      events.add("starting");
      assertTrue(release.await(10, TimeUnit.SECONDS));
      events.add("started");
      if (failure != null) {
        throw failure;
      }
    }

    @Override
    public boolean synced() {
      return events.contains("started");
    }

    @Override
    public void close() {
      events.add("closed");
    }
  }

  @Test
  void beginStartsTheSourceOnItsOwnThreadAndAwaitReturnsOnceItStarted() throws Exception {
    FakeSource source = new FakeSource();
    SourceLoad load = new SourceLoad(() -> source);
    load.begin();
    await().pollInterval(Duration.ofMillis(5)).atMost(WAIT).until(() -> source.events.contains("starting"));
    assertEquals("kubernetes-load", source.startThread);
    CompletableFuture<Void> started = CompletableFuture.runAsync(() -> {
      try {
        load.await();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThrows(java.util.concurrent.TimeoutException.class, () -> started.get(50, TimeUnit.MILLISECONDS));
    source.release.countDown();
    started.get(5, TimeUnit.SECONDS);
    assertEquals(List.of("starting", "started"), source.events);
    load.begin();
    load.await();
    assertEquals(List.of("starting", "started"), source.events, "begun once");
    load.close();
    assertEquals(List.of("starting", "started", "closed"), source.events);
  }

  @Test
  void awaitWithoutBeginLoadsAndThrowsWhatTheSourceThrew() {
    FakeSource source = new FakeSource();
    IOException unreadable = new IOException("cannot read the manifests");
    source.failure = unreadable;
    source.release.countDown();
    SourceLoad load = new SourceLoad(() -> source);
    assertSame(unreadable, assertThrows(IOException.class, load::await));
  }

  @Test
  void awaitThrowsWhatOpeningTheSourceThrew() {
    IllegalArgumentException badConfig = new IllegalArgumentException("no kubeconfig");
    SourceLoad load = new SourceLoad(() -> {
      throw badConfig;
    });
    load.begin();
    assertSame(badConfig, assertThrows(IllegalArgumentException.class, load::await));
  }

  @Test
  void aCloseWhileTheSourceStartsClosesItAgainOnceStarted() throws Exception {
    FakeSource source = new FakeSource();
    SourceLoad load = new SourceLoad(() -> source);
    load.begin();
    await().pollInterval(Duration.ofMillis(5)).atMost(WAIT).until(() -> source.events.contains("starting"));
    load.close();
    source.release.countDown();
    await().pollInterval(Duration.ofMillis(5)).atMost(WAIT).until(() -> source.events.size() == 4);
    assertEquals(List.of("starting", "closed", "started", "closed"), source.events);
  }

  @Test
  void aCloseBeforeTheSourceWasOpenedClosesItOnceStarted() throws Exception {
    FakeSource source = new FakeSource();
    source.release.countDown();
    CountDownLatch open = new CountDownLatch(1);
    SourceLoad load = new SourceLoad(() -> {
      try {
        assertTrue(open.await(10, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return source;
    });
    load.begin();
    load.close();
    assertTrue(source.events.isEmpty());
    open.countDown();
    load.await();
    assertEquals(List.of("starting", "started", "closed"), source.events);
  }
}
