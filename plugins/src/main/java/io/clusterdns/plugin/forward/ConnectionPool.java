package io.clusterdns.plugin.forward;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idle TCP or TLS connections to one upstream, newest first, so that a burst reuses the warm
 * ones and the oldest expire. Lock free: a connection is owned by whoever polled it.
 */
final class ConnectionPool implements AutoCloseable {
  private final ConcurrentLinkedDeque<StreamConnection> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger size = new AtomicInteger();
  private final long expireMillis;
  private final int maxIdle;
  private final Clock clock;

  ConnectionPool(Duration expire, int maxIdle, Clock clock) {
    this.expireMillis = expire.toMillis();
    this.maxIdle = maxIdle;
    this.clock = clock;
  }

  /** A connection idle for less than the expiry, or null. */
  StreamConnection take() {
    long now = clock.millis();
    for (StreamConnection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
      size.decrementAndGet();
      if (now - c.idleSinceMillis() < expireMillis) {
        return c;
      }
      c.close();
    }
    return null;
  }

  /** Keeps a connection that just answered, unless {@code max_idle_conns} are idle already. */
  void release(StreamConnection connection) {
    if (maxIdle > 0 && size.incrementAndGet() > maxIdle) {
      size.decrementAndGet();
      connection.close();
      return;
    }
    if (maxIdle == 0) {
      size.incrementAndGet();
    }
    connection.markIdle(clock.millis());
    idle.offerFirst(connection);
  }

  /** Closes the connections idle for the expiry or longer. */
  void sweep() {
    long now = clock.millis();
    for (StreamConnection c : idle) {
      if (now - c.idleSinceMillis() >= expireMillis && idle.removeFirstOccurrence(c)) {
        size.decrementAndGet();
        c.close();
      }
    }
  }

  int idleCount() {
    return size.get();
  }

  @Override
  public void close() {
    for (StreamConnection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
      size.decrementAndGet();
      c.close();
    }
  }
}
