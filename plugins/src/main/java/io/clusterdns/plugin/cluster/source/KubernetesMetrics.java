package io.clusterdns.plugin.cluster.source;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;

/** The kubernetes plugin's CoreDNS metrics ({@code plugin/kubernetes/metrics.go}). */
final class KubernetesMetrics {
  static final Histogram DNS_PROGRAMMING_DURATION =
      Histogram.builder()
          .name("coredns_kubernetes_dns_programming_duration_seconds")
          .help("Histogram of the time (in seconds) it took to program a dns instance.")
          .labelNames("service_kind")
          .classicOnly()
          .classicExponentialUpperBounds(0.001, 2, 20)
          .withoutExemplars()
          .register();

  /**
   * The only kind CoreDNS observes: an endpoint change only reprograms DNS for a headless
   * Service, and the trigger-time annotation is only set by the controller of a Service with a
   * selector.
   */
  static final DistributionDataPoint HEADLESS_WITH_SELECTOR =
      DNS_PROGRAMMING_DURATION.labelValues("headless_with_selector");

  private KubernetesMetrics() {}
}
