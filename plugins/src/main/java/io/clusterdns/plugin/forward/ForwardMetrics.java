package io.clusterdns.plugin.forward;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;

/** The forward plugin's metrics, with CoreDNS's names and labels (pkg/proxy and forward). */
final class ForwardMetrics {
  static final String PROXY_NAME = "forward";

  static final Histogram REQUEST_DURATION = Histogram.builder()
      .name("coredns_proxy_request_duration_seconds")
      .help("Histogram of the time each request took.")
      .labelNames("proxy_name", "to", "rcode")
      .classicOnly()
      .classicExponentialUpperBounds(0.00025, 2, 16)
      .register();

  static final Counter HEALTHCHECK_FAILURES = Counter.builder()
      .name("coredns_proxy_healthcheck_failures_total")
      .help("Counter of the number of failed healthchecks.")
      .labelNames("proxy_name", "to")
      .register();

  static final Counter CONN_CACHE_HITS = Counter.builder()
      .name("coredns_proxy_conn_cache_hits_total")
      .help("Counter of connection cache hits per upstream and protocol.")
      .labelNames("proxy_name", "to", "proto")
      .register();

  static final Counter CONN_CACHE_MISSES = Counter.builder()
      .name("coredns_proxy_conn_cache_misses_total")
      .help("Counter of connection cache misses per upstream and protocol.")
      .labelNames("proxy_name", "to", "proto")
      .register();

  static final Counter MAX_CONCURRENT_REJECTS = Counter.builder()
      .name("coredns_forward_max_concurrent_rejects_total")
      .help("Counter of the number of queries rejected because the concurrent queries were at maximum.")
      .register();

  static final Counter HEALTHCHECK_BROKEN = Counter.builder()
      .name("coredns_forward_healthcheck_broken_total")
      .help("Counter of the number of complete failures of the healthchecks.")
      .register();

  private ForwardMetrics() {}
}
