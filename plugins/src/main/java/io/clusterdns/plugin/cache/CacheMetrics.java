package io.clusterdns.plugin.cache;

import io.clusterdns.config.ServerKey;
import io.clusterdns.plugin.SetupContext;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;

/**
 * CoreDNS's cache metrics, with its names, help texts and labels, and one cache instance's
 * data points, resolved once so that the query path only increments.
 */
final class CacheMetrics {
  private static final String SERVER = "server";
  private static final String TYPE = "type";
  private static final String ZONES = "zones";
  private static final String VIEW = "view";
  /** ClusterDNS has no views; CoreDNS reports the empty string then. */
  private static final String NO_VIEW = "";
  private static final int DEFAULT_PORT = 53;

  static final Gauge ENTRIES = Gauge.builder()
      .name("coredns_cache_entries")
      .help("The number of elements in the cache.")
      .labelNames(SERVER, TYPE, ZONES, VIEW)
      .register(PrometheusRegistry.defaultRegistry);
  static final Counter HITS = Counter.builder()
      .name("coredns_cache_hits_total")
      .help("The count of cache hits.")
      .labelNames(SERVER, TYPE, ZONES, VIEW)
      .register(PrometheusRegistry.defaultRegistry);
  static final Counter MISSES = Counter.builder()
      .name("coredns_cache_misses_total")
      .help("The count of cache misses. Deprecated, derive misses from cache hits/requests counters.")
      .labelNames(SERVER, ZONES, VIEW)
      .register(PrometheusRegistry.defaultRegistry);
  static final Counter REQUESTS = Counter.builder()
      .name("coredns_cache_requests_total")
      .help("The count of cache requests.")
      .labelNames(SERVER, ZONES, VIEW)
      .register(PrometheusRegistry.defaultRegistry);
  static final Counter PREFETCHES = Counter.builder()
      .name("coredns_cache_prefetch_total")
      .help("The number of times the cache has prefetched a cached item.")
      .labelNames(SERVER, ZONES, VIEW)
      .register(PrometheusRegistry.defaultRegistry);
  static final Counter DROPS = Counter.builder()
      .name("coredns_cache_drops_total")
      .help("The number responses that are not cached, because the reply is malformed.")
      .labelNames(SERVER, ZONES, VIEW)
      .register(PrometheusRegistry.defaultRegistry);
  static final Counter SERVED_STALE = Counter.builder()
      .name("coredns_cache_served_stale_total")
      .help("The number of requests served from stale cache entries.")
      .labelNames(SERVER, ZONES, VIEW)
      .register(PrometheusRegistry.defaultRegistry);
  static final Counter EVICTIONS = Counter.builder()
      .name("coredns_cache_evictions_total")
      .help("The count of cache evictions.")
      .labelNames(SERVER, TYPE, ZONES, VIEW)
      .register(PrometheusRegistry.defaultRegistry);

  final GaugeDataPoint successEntries;
  final GaugeDataPoint denialEntries;
  final CounterDataPoint successHits;
  final CounterDataPoint denialHits;
  final CounterDataPoint misses;
  final CounterDataPoint requests;
  final CounterDataPoint prefetches;
  final CounterDataPoint drops;
  final CounterDataPoint servedStale;
  final CounterDataPoint successEvictions;
  final CounterDataPoint denialEvictions;

  CacheMetrics(String server, String zones) {
    successEntries = ENTRIES.labelValues(server, "success", zones, NO_VIEW);
    denialEntries = ENTRIES.labelValues(server, "denial", zones, NO_VIEW);
    successHits = HITS.labelValues(server, "success", zones, NO_VIEW);
    denialHits = HITS.labelValues(server, "denial", zones, NO_VIEW);
    misses = MISSES.labelValues(server, zones, NO_VIEW);
    requests = REQUESTS.labelValues(server, zones, NO_VIEW);
    prefetches = PREFETCHES.labelValues(server, zones, NO_VIEW);
    drops = DROPS.labelValues(server, zones, NO_VIEW);
    servedStale = SERVED_STALE.labelValues(server, zones, NO_VIEW);
    successEvictions = EVICTIONS.labelValues(server, "success", zones, NO_VIEW);
    denialEvictions = EVICTIONS.labelValues(server, "denial", zones, NO_VIEW);
  }

  /**
   * The labels CoreDNS gives a block: {@code server} is {@code dns://:PORT} of the block's first
   * key (53 when it names no port), {@code zones} the cache's zones joined by commas.
   */
  static CacheMetrics of(SetupContext context, List<Name> zones) {
    List<ServerKey> keys = context.block().keys();
    int port = keys.isEmpty() ? DEFAULT_PORT : keys.get(0).portOr(DEFAULT_PORT);
    String zoneLabel = zones.stream().map(Name::toString).collect(Collectors.joining(","));
    return new CacheMetrics("dns://:" + port, zoneLabel);
  }
}
