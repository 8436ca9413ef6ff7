package io.clusterdns.plugin.prometheus;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The HTTP listeners serving {@code /metrics}, one per address for the whole process, shared by
 * every server block (and every configuration, when a reload starts the new one before it closes
 * the old) that names the address. A listener stops when its last user releases it. Port 0 is
 * never shared: each user gets its own ephemeral port.
 */
final class MetricsEndpoints {
  private static final Map<String, Endpoint> BY_ADDRESS = new HashMap<>();

  private MetricsEndpoints() {}

  /** A running listener and how many handlers use it. */
  static final class Endpoint {
    private final String key;
    private final HTTPServer server;
    private final InetSocketAddress address;
    private int users;

    private Endpoint(String key, HTTPServer server, InetSocketAddress address) {
      this.key = key;
      this.server = server;
      this.address = address;
    }

    InetSocketAddress address() {
      return address;
    }
  }

  /** Starts the listener for {@code options}, or shares the running one. */
  static synchronized Endpoint acquire(PrometheusOptions options) throws IOException {
    String key = options.address();
    Endpoint endpoint = options.port() == 0 ? null : BY_ADDRESS.get(key);
    if (endpoint == null) {
      // JVM metrics are registered once per registry, however many listeners start.
      JvmMetrics.builder().register(PrometheusRegistry.defaultRegistry);
      HTTPServer server;
      InetAddress host;
      try {
        HTTPServer.Builder builder =
            HTTPServer.builder().registry(PrometheusRegistry.defaultRegistry).port(options.port());
        host = options.host().isEmpty() ? null : InetAddress.getByName(options.host());
        if (host != null) {
          builder.inetAddress(host);
        }
        server = builder.buildAndStart();
      } catch (IOException e) {
        throw new IOException("prometheus: cannot serve /metrics on " + options.address() + ": " + e, e);
      }
      InetSocketAddress bound =
          host == null ? new InetSocketAddress(server.getPort()) : new InetSocketAddress(host, server.getPort());
      endpoint = new Endpoint(key, server, bound);
      if (options.port() != 0) {
        BY_ADDRESS.put(key, endpoint);
      }
    }
    endpoint.users++;
    return endpoint;
  }

  /** Gives up one use of {@code endpoint}; the last one stops the listener. */
  static synchronized void release(Endpoint endpoint) {
    if (--endpoint.users > 0) {
      return;
    }
    BY_ADDRESS.remove(endpoint.key, endpoint);
    endpoint.server.close();
  }
}
