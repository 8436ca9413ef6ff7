package io.clusterdns.plugin.prometheus;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;

/**
 * CoreDNS's core metrics ({@code plugin/metrics/vars}), with its names, labels and buckets, in
 * the process-wide registry. The server records them for the server blocks that use {@code
 * prometheus}; the plugin only serves them.
 */
public final class PrometheusMetrics {
  /** The {@code type} label values CoreDNS keeps; every other type counts as {@code other}. */
  public static final String[] MONITORED_TYPES = {
    "A", "AAAA", "MX", "SOA", "CNAME", "PTR", "TXT", "NS", "SRV", "DS", "DNSKEY", "RRSIG", "NSEC",
    "NSEC3", "HTTPS", "SVCB", "IXFR", "AXFR", "ANY"
  };

  /** The zone label of queries that enter no server block's chain. */
  public static final String DROPPED_ZONE = "dropped";

  public static final Counter REQUESTS =
      Counter.builder()
          .name("coredns_dns_requests_total")
          .help("Counter of DNS requests made per zone, protocol and family.")
          .labelNames("server", "zone", "view", "proto", "family", "type")
          .withoutExemplars()
          .register();

  public static final Counter DO_REQUESTS =
      Counter.builder()
          .name("coredns_dns_do_requests_total")
          .help("Counter of DNS requests with DO bit set per zone.")
          .labelNames("server", "view", "zone")
          .withoutExemplars()
          .register();

  public static final Histogram REQUEST_DURATION =
      Histogram.builder()
          .name("coredns_dns_request_duration_seconds")
          .help("Histogram of the time (in seconds) each request took per zone.")
          .labelNames("server", "zone", "view")
          .classicOnly()
          .classicExponentialUpperBounds(0.00025, 2, 16)
          .withoutExemplars()
          .register();

  private static final double[] SIZE_BUCKETS = {
    0, 100, 200, 300, 400, 511, 1023, 2047, 4095, 8291, 16e3, 32e3, 48e3, 64e3
  };

  public static final Histogram REQUEST_SIZE =
      Histogram.builder()
          .name("coredns_dns_request_size_bytes")
          .help("Size of the request in bytes per zone and protocol.")
          .labelNames("server", "zone", "view", "proto")
          .classicOnly()
          .classicUpperBounds(SIZE_BUCKETS)
          .withoutExemplars()
          .register();

  public static final Histogram RESPONSE_SIZE =
      Histogram.builder()
          .name("coredns_dns_response_size_bytes")
          .help("Size of the returned response in bytes.")
          .labelNames("server", "zone", "view", "proto")
          .classicOnly()
          .classicUpperBounds(SIZE_BUCKETS)
          .withoutExemplars()
          .register();

  public static final Counter RESPONSES =
      Counter.builder()
          .name("coredns_dns_responses_total")
          .help("Counter of response status codes.")
          .labelNames("server", "zone", "view", "rcode", "plugin")
          .withoutExemplars()
          .register();

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
  public static final Counter CLIENT_NAMESPACE_QUERIES =
      Counter.builder()
          .name("clusterdns_client_namespace_queries_total")
          .help("Queries for names under <namespace>.svc.<domain>, by namespace (at most "
              + MAX_NAMESPACES + " per zone, the rest as other).")
          .labelNames("server", "zone", "namespace")
          .withoutExemplars()
          .register();

  /** Beyond CoreDNS: the NXDOMAIN replies among them, mostly search-path misses. */
  public static final Counter CLIENT_NAMESPACE_NXDOMAIN =
      Counter.builder()
          .name("clusterdns_client_namespace_nxdomain_total")
          .help("NXDOMAIN replies to names under <namespace>.svc.<domain>, by namespace: with ndots:5"
              + " these are mostly search-path misses.")
          .labelNames("server", "zone", "namespace")
          .withoutExemplars()
          .register();

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
