package io.clusterdns.plugin.reload;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;

/** CoreDNS's reload metrics, registered once in the default registry. */
final class ReloadMetrics {
  static final Counter FAILED =
      Counter.builder()
          .name("coredns_reload_failed_total")
          .help("Counter of the number of failed reload attempts.")
          .register();

  static final Gauge VERSION_INFO =
      Gauge.builder()
          .name("coredns_reload_version_info")
          .help("A metric with a constant '1' value labeled by hash, and value which type of hash generated.")
          .labelNames("hash", "value")
          .register();

  private ReloadMetrics() {}

  /** Says that the configuration with SHA-512 {@code digest} runs, and no other. */
  static synchronized void running(String digest) {
    VERSION_INFO.clear();
    VERSION_INFO.labelValues("sha512", digest).set(1);
  }
}
