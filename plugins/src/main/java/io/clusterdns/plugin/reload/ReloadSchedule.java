package io.clusterdns.plugin.reload;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When the next check comes: the interval moved by a random amount within the jitter either way,
 * drawn anew for each check so that replicas started together drift apart.
 */
final class ReloadSchedule {
  private final long intervalNanos;
  private final long jitterNanos;
  private final RandomGenerator random;

  ReloadSchedule(ReloadOptions options, RandomGenerator random) {
    this.intervalNanos = options.interval().toNanos();
    this.jitterNanos = options.jitter().toNanos();
    this.random = random;
  }

  /** A delay in [interval - jitter, interval + jitter]; at least 1 s given the minimums. */
  Duration nextDelay() {
    return Duration.ofNanos(intervalNanos - jitterNanos + random.nextLong(2 * jitterNanos + 1));
  }
}
