package io.clusterdns.plugin.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The timer wheel of the UDP attempts, driven by a clock the test sets (nanoseconds). */
class DeadlinesTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  /** One tick of the wheel: an attempt may expire this much before its deadline, never after. */
  private static final long TICK = 1L << 20;

  private static UdpAttempt attempt(long deadline) {
    return new UdpAttempt(null, null, deadline - 2000 * MS, deadline);
  }

  @Test
  void attemptsExpireAtTheirDeadlineWithinOneTickAndNotBefore() {
    long seed = System.nanoTime();
    System.out.println("DeadlinesTest seed " + seed);
    Random random = new Random(seed);
    // Near the sign change of System.nanoTime(), which may be negative.
    long start = -random.nextInt(1000) * MS;
    Deadlines wheel = new Deadlines(start);
    List<UdpAttempt> attempts = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      UdpAttempt attempt = attempt(start + 1 + random.nextInt(5000) * MS + random.nextInt((int) MS));
      attempts.add(attempt);
      wheel.add(attempt);
    }
    List<UdpAttempt> expired = new ArrayList<>();
    for (long now = start; now <= start + 5100 * MS; now += random.nextInt(3 * (int) MS)) {
      long at = now;
      wheel.expire(now, attempt -> {
        assertTrue(attempt.deadlineNanos - at <= TICK, "expired " + (attempt.deadlineNanos - at) + " ns early");
        expired.add(attempt);
      });
      for (UdpAttempt attempt : attempts) {
        if (attempt.deadlineNanos < now - TICK) {
          assertTrue(!attempt.scheduled, "still waiting " + (now - attempt.deadlineNanos) + " ns after its deadline");
        }
      }
    }
    assertEquals(2000, expired.size());
    assertEquals(0, wheel.size());
  }

  @Test
  void aRemovedAttemptNeverExpiresAndTheNextDeadlineSkipsIt() {
    Deadlines wheel = new Deadlines(0);
    UdpAttempt answered = attempt(100 * MS);
    UdpAttempt same = attempt(100 * MS + 10);
    UdpAttempt later = attempt(300 * MS);
    wheel.add(answered);
    wheel.add(same);
    wheel.add(later);
    assertTrue(wheel.next(0, 3600_000 * MS) <= 100 * MS);

    wheel.remove(answered);
    wheel.remove(same);
    assertEquals(1, wheel.size());
    long next = wheel.next(0, 3600_000 * MS);
    assertTrue(next > 100 * MS && next <= 300 * MS, "next deadline at " + next);
    List<UdpAttempt> expired = new ArrayList<>();
    wheel.expire(250 * MS, expired::add);
    assertEquals(List.of(), expired);
    wheel.expire(300 * MS, expired::add);
    assertEquals(List.of(later), expired);
    assertEquals(3600_000 * MS + 300 * MS, wheel.next(300 * MS, 3600_000 * MS), "idle: no deadline");
  }

  @Test
  void anAttemptAlreadyDueExpiresOnTheNextTurn() {
    Deadlines wheel = new Deadlines(1000 * MS);
    UdpAttempt late = attempt(900 * MS);
    wheel.add(late);
    List<UdpAttempt> expired = new ArrayList<>();
    wheel.expire(1000 * MS + TICK, expired::add);
    assertEquals(List.of(late), expired);
  }
}
