package io.clusterdns.plugin.forward;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No attempt starts that could not wait for its reply. An attempt that waits until the query's
 * deadline ends up to a millisecond before it (the socket timeout counts whole milliseconds,
 * the wheel ticks every 2^20 ns): a next attempt sent in what is left was counted by the black
 * hole as a 14th of 400 ms in a 5 s deadline, sent and abandoned at once.
 */
class AttemptsTest {
  @TempDir Path dir;
  private final BlackHole hole = new BlackHole();
  private Upstreams upstreams;

  @AfterEach
  void close() {
    upstreams.close();
    hole.close();
  }

  private ForwardHandler handler() throws Exception {
    upstreams = new Upstreams(dir, Clock.systemUTC());
    return upstreams.handler("forward . " + hole.to() + " {\n max_connect_attempts 0\n read_timeout 400ms\n}");
  }

  private static Attempts attempts(ForwardHandler forward, long nanosLeft) {
    return new Attempts(forward.options(), forward.upstreams().toArray(new Upstream[0]), System.nanoTime() + nanosLeft);
  }

  @Test
  void noAttemptStartsWithLessThanATickBeforeTheDeadline() throws Exception {
    ForwardHandler forward = handler();

    assertNull(attempts(forward, TimeUnit.MICROSECONDS.toNanos(900)).next(), "an attempt with 0.9 ms left");
  }

  @Test
  void anAttemptStartsWithTimeLeftToWait() throws Exception {
    ForwardHandler forward = handler();

    assertSame(forward.upstreams().get(0), attempts(forward, TimeUnit.SECONDS.toNanos(5)).next());
  }
}
