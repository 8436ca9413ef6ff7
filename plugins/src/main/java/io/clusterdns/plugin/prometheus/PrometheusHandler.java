package io.clusterdns.plugin.prometheus;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.Request;
import java.net.InetSocketAddress;
import org.xbill.DNS.Message;

/**
 * Serves {@code /metrics} while its server runs. It passes every query on untouched: the server
 * counts the queries of the blocks that use this plugin (see {@link PrometheusMetrics}), on the
 * reply-cache path too, so the handler is deterministic and keeps its block cacheable.
 */
public final class PrometheusHandler implements Handler, Deterministic, Lifecycle {
  private final PrometheusOptions options;
  private MetricsEndpoints.Endpoint endpoint;

  PrometheusHandler(PrometheusOptions options) {
    this.options = options;
  }

  public PrometheusOptions options() {
    return options;
  }

  /** The address {@code /metrics} is served on; only while started. */
  public synchronized InetSocketAddress address() {
    if (endpoint == null) {
      throw new IllegalStateException("prometheus on " + options.address() + " is not started");
    }
    return endpoint.address();
  }

  @Override
  public synchronized void start() throws Exception {
    if (endpoint == null) {
      endpoint = MetricsEndpoints.acquire(options);
    }
  }

  @Override
  public synchronized void close() {
    if (endpoint != null) {
      MetricsEndpoints.release(endpoint);
      endpoint = null;
    }
  }

  @Override
  public Message serve(Request request, Chain next) throws Exception {
    return next.next(request);
  }

  @Override
  public long generation() {
    return 0;
  }
}
