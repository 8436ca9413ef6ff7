package io.clusterdns.plugin.reload;

import io.clusterdns.plugin.ServerControl;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;

/** CoreDNS's reload metrics, registered once in the default registry. */
final class ReloadMetrics {
  static final Counter FAILED =
      Counter.builder()
          .name("coredns_reload_failed_total")
          .help("Counter of the number of failed reload attempts.")
          .register();

  /**
   * The running configuration's control, asked for its digest when scraped: the SHA-512 is then
   * computed on the scraping thread, not on the main thread while the server starts, and a
   * scrape still never misses it.
   */
  private static volatile ServerControl running;

  static final GaugeWithCallback VERSION_INFO =
      GaugeWithCallback.builder()
          .name("coredns_reload_version_info")
          .help("A metric with a constant '1' value labeled by hash, and value which type of hash generated.")
          .labelNames("hash", "value")
          .callback(callback -> {
            ServerControl control = running;
            if (control != null) {
              control.digest().ifPresent(digest -> callback.call(1, "sha512", digest));
            }
          })
          .register();

  private ReloadMetrics() {}

  /** Says that the configuration {@code control} belongs to runs, and no other. */
  static void running(ServerControl control) {
    running = control;
  }
}
