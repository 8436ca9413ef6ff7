package io.clusterdns.server;

import io.clusterdns.plugin.prometheus.PrometheusMetrics;
import io.clusterdns.plugin.prometheus.ThreadCells;

/**
 * The series one query adds to, resolved for a kind of query and reply (zone, transport, type,
 * DO bit, rcode, plugin, namespace) as cells of {@link ThreadCells}. Immutable; a reply-cache
 * entry keeps the one of its reply, so a cached answer is counted without any look-up, lock,
 * atomic operation or allocation: plain additions to the counting thread's own cells.
 */
final class QueryCounts {
  /** No series: the query has no DO bit, names no namespace, or was not NXDOMAIN. */
  static final int NONE = -1;

  private final ZoneMetrics zone;
  private final int requestsBase;
  private final int responses;
  private final int doRequests;
  private final int requestSize;
  private final int responseSize;
  private final int duration;
  private final int namespaceQueries;
  private final int namespaceNxdomain;
  /** The highest cell of all but the requests series, which depends on the client's family. */
  private final int highest;

  QueryCounts(
      ZoneMetrics zone,
      int requestsBase,
      int responses,
      int doRequests,
      int requestSize,
      int responseSize,
      int duration,
      int namespaceQueries,
      int namespaceNxdomain) {
    this.zone = zone;
    this.requestsBase = requestsBase;
    this.responses = responses;
    this.doRequests = doRequests;
    this.requestSize = requestSize;
    this.responseSize = responseSize;
    this.duration = duration;
    this.namespaceQueries = namespaceQueries;
    this.namespaceNxdomain = namespaceNxdomain;
    this.highest = Math.max(
        Math.max(Math.max(responses, doRequests), Math.max(namespaceQueries, namespaceNxdomain)),
        Math.max(PrometheusMetrics.REQUEST_SIZE.lastCell(requestSize),
            Math.max(PrometheusMetrics.RESPONSE_SIZE.lastCell(responseSize),
                PrometheusMetrics.REQUEST_DURATION.lastCell(duration))));
  }

  /** Counts one query of this kind from a client of the given family, in the calling thread's cells. */
  void record(boolean ipv6, int requestBytes, int replyBytes, long nanos) {
    int requests = zone.requests(requestsBase, ipv6);
    long[] cells = ThreadCells.forThread(Math.max(requests, highest));
    ThreadCells.increment(cells, requests);
    if (doRequests != NONE) {
      ThreadCells.increment(cells, doRequests);
    }
    PrometheusMetrics.REQUEST_SIZE.observe(cells, requestSize, requestBytes);
    PrometheusMetrics.RESPONSE_SIZE.observe(cells, responseSize, replyBytes);
    ThreadCells.increment(cells, responses);
    PrometheusMetrics.REQUEST_DURATION.observe(cells, duration, nanos);
    if (namespaceQueries != NONE) {
      ThreadCells.increment(cells, namespaceQueries);
      if (namespaceNxdomain != NONE) {
        ThreadCells.increment(cells, namespaceNxdomain);
      }
    }
  }
}
