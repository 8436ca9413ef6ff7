package io.clusterdns.plugin.prometheus;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * CoreDNS's core metrics ({@code plugin/metrics/vars}), with its names, labels and buckets, in
 * the process-wide registry. The server records them for the server blocks that use {@code
 * prometheus}; the plugin only serves them. Those counted per query are {@link ThreadCounter}s
 * and {@link ThreadHistogram}s (per-thread cells added up at scrape time, so counting a query
 * costs plain stores); the rest are the Prometheus client's own.
 */
public final class PrometheusMetrics {
  /** The {@code type} label values CoreDNS keeps; every other type counts as {@code other}. */
  public static final String[] MONITORED_TYPES = {
    "A", "AAAA", "MX", "SOA", "CNAME", "PTR", "TXT", "NS", "SRV", "DS", "DNSKEY", "RRSIG", "NSEC",
    "NSEC3", "HTTPS", "SVCB", "IXFR", "AXFR", "ANY"
  };

  private static final PrometheusRegistry REGISTRY = PrometheusRegistry.defaultRegistry;

  /** The zone label of queries that enter no server block's chain. */
  public static final String DROPPED_ZONE = "dropped";

  public static final ThreadCounter REQUESTS = ThreadCounter.register(REGISTRY,
      "coredns_dns_requests_total",
      "Counter of DNS requests made per zone, protocol and family.",
      "server", "zone", "view", "proto", "family", "type");

  public static final ThreadCounter DO_REQUESTS = ThreadCounter.register(REGISTRY,
      "coredns_dns_do_requests_total",
      "Counter of DNS requests with DO bit set per zone.",
      "server", "view", "zone");

  /** Recorded in nanoseconds, exposed in seconds. */
  public static final ThreadHistogram REQUEST_DURATION = ThreadHistogram.register(REGISTRY,
      "coredns_dns_request_duration_seconds",
      "Histogram of the time (in seconds) each request took per zone.",
      ThreadHistogram.exponentialBounds(0.00025, 2, 16), 1e-9,
      "server", "zone", "view");

  private static final double[] SIZE_BUCKETS = {
    0, 100, 200, 300, 400, 511, 1023, 2047, 4095, 8291, 16e3, 32e3, 48e3, 64e3
  };

  public static final ThreadHistogram REQUEST_SIZE = ThreadHistogram.register(REGISTRY,
      "coredns_dns_request_size_bytes",
      "Size of the request in bytes per zone and protocol.",
      SIZE_BUCKETS, 1,
      "server", "zone", "view", "proto");

  public static final ThreadHistogram RESPONSE_SIZE = ThreadHistogram.register(REGISTRY,
      "coredns_dns_response_size_bytes",
      "Size of the returned response in bytes.",
      SIZE_BUCKETS, 1,
      "server", "zone", "view", "proto");

  public static final ThreadCounter RESPONSES = ThreadCounter.register(REGISTRY,
      "coredns_dns_responses_total",
      "Counter of response status codes.",
      "server", "zone", "view", "rcode", "plugin");

  public static final Counter PANICS =
      Counter.builder()
          .name("coredns_panics_total")
          .help("A metrics that counts the number of panics.")
          .withoutExemplars()
          .register();

  public static final Gauge PLUGIN_ENABLED =
      Gauge.builder()
          .name("coredns_plugin_enabled")
          .help("A metric that indicates whether a plugin is enabled on per server and zone basis.")
          .labelNames("server", "zone", "view", "name")
          .withoutExemplars()
          .register();

  public static final Gauge BUILD_INFO =
      Gauge.builder()
          .name("coredns_build_info")
          .help("A metric with a constant '1' value labeled by version, revision, and goversion from which CoreDNS was built.")
          .labelNames("version", "revision", "goversion")
          .withoutExemplars()
          .register();

  /**
   * Per server and zone, at most this many namespaces get series of their own in the namespace
   * counters below; queries naming any other namespace count under {@code other}.
   */
  public static final int MAX_NAMESPACES = 100;

  /** The namespace label of the namespaces past {@link #MAX_NAMESPACES}. */
  public static final String OTHER_NAMESPACE = "other";

  /** Beyond CoreDNS: queries by the namespace their name is under ({@code <name>.<namespace>.svc.<domain>}). */
  public static final ThreadCounter CLIENT_NAMESPACE_QUERIES = ThreadCounter.register(REGISTRY,
      "clusterdns_client_namespace_queries_total",
      "Queries for names under <namespace>.svc.<domain>, by namespace (at most "
          + MAX_NAMESPACES + " per zone, the rest as other).",
      "server", "zone", "namespace");

  /** Beyond CoreDNS: the NXDOMAIN replies among them, mostly search-path misses. */
  public static final ThreadCounter CLIENT_NAMESPACE_NXDOMAIN = ThreadCounter.register(REGISTRY,
      "clusterdns_client_namespace_nxdomain_total",
      "NXDOMAIN replies to names under <namespace>.svc.<domain>, by namespace: with ndots:5"
          + " these are mostly search-path misses.",
      "server", "zone", "namespace");

  private PrometheusMetrics() {}

  /** The {@code type} label of a query type: its name when CoreDNS monitors it, else {@code other}. */
  public static String typeLabel(String typeName) {
    for (String monitored : MONITORED_TYPES) {
      if (monitored.equals(typeName)) {
        return monitored;
      }
    }
    return "other";
  }
}
