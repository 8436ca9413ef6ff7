package io.clusterdns.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * How many queries are running in the plugins of one configuration, so that a reload closes the
 * old plugins only once the queries that entered them are answered. A counter, not a lock: two
 * atomic updates per query that reaches a chain (cached replies never do).
 */
final class InFlight {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final AtomicInteger count = new AtomicInteger();

  void enter() {
    count.incrementAndGet();
  }

  void exit() {
    count.decrementAndGet();
  }

  /**
   * Waits until no query is in flight, for at most {@code limit}; returns how many still are.
   * Only called after the configuration was swapped out, so the count can only fall.
   */
  int awaitIdle(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    int running = count.get();
    while (running > 0 && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(POLL_NANOS);
      running = count.get();
    }
    return running;
  }
}
