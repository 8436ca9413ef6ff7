package io.clusterdns.plugin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SideTaskTest {
  @Test
  void runsOnTheHelperThatTakesIt() throws InterruptedException {
    ExecutorService helper = Executors.newSingleThreadExecutor(r -> new Thread(r, "side-helper"));
    try {
      CountDownLatch started = new CountDownLatch(1);
      SideTask<String> task = SideTask.fork(() -> {
        started.countDown();
        return Thread.currentThread().getName();
      }, helper);
      started.await(10, TimeUnit.SECONDS);
      assertEquals("side-helper", task.join());
    } finally {
      helper.shutdownNow();
    }
  }

  @Test
  void aRefusingHelperLeavesTheWorkToTheWaiter() {
    SideTask<String> task = SideTask.fork(() -> Thread.currentThread().getName(), work -> {
      throw new RejectedExecutionException("shut down");
    });
    assertEquals(Thread.currentThread().getName(), task.join());
  }

  @Test
  void workAHelperDropsIsDoneByTheWaiterWithoutHanging() {
    ExecutorService helper = Executors.newSingleThreadExecutor();
    CountDownLatch hold = new CountDownLatch(1);
    helper.execute(() -> awaitQuietly(hold));
    AtomicInteger runs = new AtomicInteger();
    SideTask<Integer> task = SideTask.fork(runs::incrementAndGet, helper);
    // Queued behind the held task, then dropped unrun, as a source's close() drops it.
    assertEquals(1, helper.shutdownNow().size());
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertEquals(1, task.join()));
    hold.countDown();
  }

  @Test
  void runsExactlyOnceWhoeverComesFirst() {
    List<Runnable> queued = new ArrayList<>();
    AtomicInteger runs = new AtomicInteger();
    SideTask<Integer> task = SideTask.fork(runs::incrementAndGet, queued::add);
    assertEquals(1, task.join());
    queued.forEach(Runnable::run);
    assertEquals(1, task.join());
    assertEquals(1, runs.get());
  }

  @Test
  void theWaiterGetsTheWorksOwnFailure() {
    IllegalStateException failure = new IllegalStateException("broken");
    ExecutorService helper = Executors.newSingleThreadExecutor();
    try {
      SideTask<String> task = SideTask.fork(() -> {
        throw failure;
      }, helper);
      assertSame(failure, assertThrows(IllegalStateException.class, task::join));
    } finally {
      helper.shutdownNow();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
