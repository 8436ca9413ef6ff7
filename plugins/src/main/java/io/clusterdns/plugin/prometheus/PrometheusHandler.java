package io.clusterdns.plugin.prometheus;

import io.clusterdns.plugin.AsyncHandler;
import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.WireHandler;
import io.clusterdns.plugin.SharedHttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.Message;

/**
 * Serves {@code /metrics} while its server runs, on the HTTP listener of its address that health
 * and ready share (one per address for the process, handed over across a reload). It passes every query on untouched: the server
 * counts the queries of the blocks that use this plugin (see {@link PrometheusMetrics}), on the
 * reply-cache path too, so the handler is deterministic and keeps its block cacheable.
 */
public final class PrometheusHandler implements Handler, AsyncHandler, WireHandler, Deterministic, Lifecycle {
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

  @Override
  public Message serve(Request request, Chain next) throws Exception {
    return next.next(request);
  }

  @Override
  public CompletionStage<Message> serveAsync(Request request, Chain next) {
    return next.nextAsync(request);
  }

  /** Passes a wire reply (a cache hit) on as it passes every reply on. */
  @Override
  public byte[] serveWire(Request request, Chain next, int maxLength) throws Exception {
    return next.nextWire(request, maxLength);
  }

  @Override
  public long generation() {
    return 0;
  }
}
