package io.clusterdns.plugin.reload;

import java.time.Duration;

/**
 * The options of {@code reload [INTERVAL] [JITTER]}.
 *
 * @param interval how often the Corefile is checked, on average
 * @param jitter how far each check may fall before or after the interval, at most half of it
 */
record ReloadOptions(Duration interval, Duration jitter) {
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  static final Duration DEFAULT_JITTER = Duration.ofSeconds(15);
  static final Duration MIN_INTERVAL = Duration.ofSeconds(2);
  static final Duration MIN_JITTER = Duration.ofSeconds(1);
}
