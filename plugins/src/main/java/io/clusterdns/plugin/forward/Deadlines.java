package io.clusterdns.plugin.forward;

import java.util.function.Consumer;

/**
 * A timer wheel of the UDP attempts' deadlines, owned by the socket thread: adding, removing
 * and expiring an attempt cost O(1) and allocate nothing, as the attempts are linked in place.
 * One slot per tick of 2^20 ns (about 1 ms), 8,192 slots (8.6 s): more than any deadline ahead,
 * which is at most the 5 s of a query.
 */
final class Deadlines {
  private static final int SHIFT = 20;
  /** An attempt expires at most this much before its deadline, never after it. */
  static final long TICK_NANOS = 1L << SHIFT;
  private static final int SLOTS = 8192;
  private static final int MASK = SLOTS - 1;

  private final UdpAttempt[] slots = new UdpAttempt[SLOTS];
  /** The last tick expired. */
  private long tick;
  /** No slot before this tick holds an attempt: where the search for the next deadline starts. */
  private long firstBusy;
  private int size;

  Deadlines(long nowNanos) {
    this.tick = nowNanos >> SHIFT;
    this.firstBusy = tick + 1;
  }

  int size() {
    return size;
  }

  void add(UdpAttempt attempt) {
    long at = Math.max(attempt.deadlineNanos >> SHIFT, tick + 1);
    int slot = (int) (at & MASK);
    UdpAttempt head = slots[slot];
    attempt.previous = null;
    attempt.next = head;
    if (head != null) {
      head.previous = attempt;
    }
    slots[slot] = attempt;
    attempt.slot = slot;
    attempt.scheduled = true;
    size++;
    firstBusy = Math.min(firstBusy, at);
  }

  void remove(UdpAttempt attempt) {
    if (!attempt.scheduled) {
      return;
    }
    if (attempt.previous != null) {
      attempt.previous.next = attempt.next;
    } else {
      slots[attempt.slot] = attempt.next;
    }
    if (attempt.next != null) {
      attempt.next.previous = attempt.previous;
    }
    attempt.previous = null;
    attempt.next = null;
    attempt.scheduled = false;
    size--;
  }

  /** Takes out every attempt due by {@code nowNanos} and hands each to {@code expired}. */
  void expire(long nowNanos, Consumer<UdpAttempt> expired) {
    long until = nowNanos >> SHIFT;
    long from = Math.max(tick + 1, until - SLOTS + 1);
    for (long t = from; t <= until && size > 0; t++) {
      int slot = (int) (t & MASK);
      UdpAttempt attempt = slots[slot];
      while (attempt != null) {
        UdpAttempt following = attempt.next;
        if (attempt.deadlineNanos >> SHIFT <= until) {
          remove(attempt);
          expired.accept(attempt);
        }
        attempt = following;
      }
    }
    tick = Math.max(tick, until);
    firstBusy = Math.max(firstBusy, tick + 1);
  }

  /** When the earliest attempt is due, or {@code nowNanos + idleNanos} when none waits. */
  long next(long nowNanos, long idleNanos) {
    if (size == 0) {
      return nowNanos + idleNanos;
    }
    for (long t = firstBusy; t <= tick + SLOTS; t++) {
      if (slots[(int) (t & MASK)] != null) {
        firstBusy = t;
        return t << SHIFT;
      }
    }
    return nowNanos + idleNanos;
  }
}
