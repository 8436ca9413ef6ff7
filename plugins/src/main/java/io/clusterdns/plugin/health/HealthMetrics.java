package io.clusterdns.plugin.health;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;

/** CoreDNS's health metrics, from the self-check of each health listener (no labels). */
final class HealthMetrics {
  private HealthMetrics() {}

  /** CoreDNS's {@code plugin.SlimTimeBuckets}: 0.25 ms to 2.5 s, times 10. */
  static final Histogram DURATION = Histogram.builder()
      .name("coredns_health_request_duration_seconds")
      .help("Histogram of the time (in seconds) each request took.")
      .classicOnly()
      .classicUpperBounds(0.00025, 0.0025, 0.025, 0.25, 2.5)
      .register();

  static final Counter FAILURES = Counter.builder()
      .name("coredns_health_request_failures_total")
      .help("The number of times the health check failed.")
      .register();
}
