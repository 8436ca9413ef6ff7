package io.clusterdns.plugin.autopath;

import io.clusterdns.config.ServerKey;
import io.clusterdns.plugin.SetupContext;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;

/** CoreDNS's autopath metric, and one block's data point resolved once. */
final class AutopathMetrics {
  private static final int DEFAULT_PORT = 53;

  static final Counter SUCCESS = Counter.builder()
      .name("coredns_autopath_success_total")
      .help("Counter of requests that did autopath.")
      .labelNames("server")
      .register(PrometheusRegistry.defaultRegistry);

  private AutopathMetrics() {}

  /** The counter of {@code server="dns://:PORT"} for the block's first key, as CoreDNS labels it. */
  static CounterDataPoint success(SetupContext context) {
    List<ServerKey> keys = context.block().keys();
    int port = keys.isEmpty() ? DEFAULT_PORT : keys.get(0).portOr(DEFAULT_PORT);
    return SUCCESS.labelValues("dns://:" + port);
  }
}
