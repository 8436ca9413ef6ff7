package io.clusterdns.plugin.reload;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReloadScheduleTest {
  @Test
  void delaysSpreadOverTheIntervalPlusOrMinusTheJitter() {
    long seed = new Random().nextLong();
    System.out.println("ReloadScheduleTest seed " + seed);
    ReloadSchedule schedule =
        new ReloadSchedule(new ReloadOptions(Duration.ofSeconds(30), Duration.ofSeconds(15)), new Random(seed));
    Duration shortest = Duration.ofDays(1);
    Duration longest = Duration.ZERO;
    for (int i = 0; i < 10_000; i++) {
      Duration delay = schedule.nextDelay();
      assertTrue(delay.compareTo(Duration.ofSeconds(15)) >= 0 && delay.compareTo(Duration.ofSeconds(45)) <= 0,
          "seed " + seed + ": " + delay);
      shortest = delay.compareTo(shortest) < 0 ? delay : shortest;
      longest = delay.compareTo(longest) > 0 ? delay : longest;
    }
    // Uniform over 30 s: 10,000 draws come within a second of either end.
    assertTrue(shortest.compareTo(Duration.ofSeconds(16)) < 0, "seed " + seed + ": shortest " + shortest);
    assertTrue(longest.compareTo(Duration.ofSeconds(44)) > 0, "seed " + seed + ": longest " + longest);
  }

  @Test
  void theSmallestSettingsNeverScheduleBelowOneSecond() {
    ReloadSchedule schedule =
        new ReloadSchedule(new ReloadOptions(Duration.ofSeconds(2), Duration.ofSeconds(1)), new Random(7));
    for (int i = 0; i < 1_000; i++) {
      Duration delay = schedule.nextDelay();
      assertTrue(delay.compareTo(Duration.ofSeconds(1)) >= 0 && delay.compareTo(Duration.ofSeconds(3)) <= 0,
          delay.toString());
    }
  }
}
