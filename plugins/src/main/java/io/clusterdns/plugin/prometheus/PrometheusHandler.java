package io.clusterdns.plugin.prometheus;

import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.PassThrough;
import io.clusterdns.plugin.SharedHttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;

/**
 * Serves {@code /metrics} while its server runs, on the HTTP listener of its address that health
 * and ready share (one per address for the process, handed over across a reload). It passes every query on untouched: the server
 * counts the queries of the blocks that use this plugin (see {@link PrometheusMetrics}), on the
 * reply-cache path too, so the handler is deterministic and keeps its block cacheable.
 */
public final class PrometheusHandler implements PassThrough, Lifecycle {
  private final PrometheusOptions options;
  private SharedHttpServer.Lease lease;

  PrometheusHandler(PrometheusOptions options) {
    this.options = options;
  }

  public PrometheusOptions options() {
    return options;
  }

  /** The address {@code /metrics} is served on; only while started. */
  public synchronized InetSocketAddress address() {
    if (lease == null) {
      throw new IllegalStateException("prometheus on " + options.address() + " is not started");
    }
    return lease.address();
  }

  @Override
  public synchronized void start() throws Exception {
    if (lease == null) {
      SharedHttpServer.Lease opened = SharedHttpServer.open(options.address());
      opened.attach("metrics", MetricsHandler.class, server -> {
        MetricsHandler metrics = new MetricsHandler(PrometheusRegistry.defaultRegistry);
        server.createContext("/metrics", exchange -> {
          // JVM metrics register once per registry, however many listeners and scrapes there
          // are; at the first scrape rather than at start, where their MXBeans held up the
          // first DNS answer.
          JvmMetrics.builder().register(PrometheusRegistry.defaultRegistry);
          metrics.handle(exchange);
        });
        return metrics;
      });
      lease = opened;
    }
  }

  @Override
  public synchronized void close() {
    if (lease != null) {
      lease.close();
      lease = null;
    }
  }
}
