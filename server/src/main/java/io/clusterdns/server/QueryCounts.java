package io.clusterdns.server;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;

/**
 * The series one query adds to, resolved for a kind of query and reply (zone, transport, type,
 * DO bit, rcode, plugin, namespace). Immutable; a reply-cache entry keeps the one of its reply, so a cached
 * answer is counted without any look-up or allocation.
 */
final class QueryCounts {
  private static final double NANOS_PER_SECOND = 1e9;

  private final ZoneMetrics zone;
  private final int requestsBase;
  private final CounterDataPoint responses;
  private final CounterDataPoint doRequests;
  private final DistributionDataPoint requestSize;
  private final DistributionDataPoint responseSize;
  private final DistributionDataPoint duration;
  private final CounterDataPoint namespaceQueries;
  private final CounterDataPoint namespaceNxdomain;

  QueryCounts(
      ZoneMetrics zone,
      int requestsBase,
      CounterDataPoint responses,
      CounterDataPoint doRequests,
      DistributionDataPoint requestSize,
      DistributionDataPoint responseSize,
      DistributionDataPoint duration,
      CounterDataPoint namespaceQueries,
      CounterDataPoint namespaceNxdomain) {
    this.zone = zone;
    this.requestsBase = requestsBase;
    this.responses = responses;
    this.doRequests = doRequests;
    this.requestSize = requestSize;
    this.responseSize = responseSize;
    this.duration = duration;
    this.namespaceQueries = namespaceQueries;
    this.namespaceNxdomain = namespaceNxdomain;
  }

  /** Counts one query of this kind from a client of the given family. */
  void record(boolean ipv6, int requestBytes, int replyBytes, long nanos) {
    zone.requests(requestsBase, ipv6).inc();
    if (doRequests != null) {
      doRequests.inc();
    }
    requestSize.observe(requestBytes);
    responseSize.observe(replyBytes);
    responses.inc();
    duration.observe(nanos / NANOS_PER_SECOND);
    if (namespaceQueries != null) {
      namespaceQueries.inc();
      if (namespaceNxdomain != null) {
        namespaceNxdomain.inc();
      }
    }
  }
}
