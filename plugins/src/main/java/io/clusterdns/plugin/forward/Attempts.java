package io.clusterdns.plugin.forward;

import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;

/**
 * The upstreams one query tries, in the policy's order, skipping those that are down, and what
 * went wrong so far; shared by the waiting and the asynchronous path. Used by one thread at a
 * time (the asynchronous path hands it on with the query).
 */
final class Attempts {
  /**
   * Less time than this left before the deadline and no attempt starts. An attempt that waits
   * until the deadline ends up to this much before it (the waiting path's socket timeout counts
   * whole milliseconds, the asynchronous path's wheel ticks every 2^20 ns); another one sent in
   * what is left could not wait for its reply: the upstream would get a query the forwarder has
   * already given up on.
   */
  static final long LEAST_NANOS_LEFT = Deadlines.TICK_NANOS;

  private final ForwardOptions options;
  private final Upstream[] order;
  private final long deadlineNanos;
  private int index;
  private int skipped;
  private int made;
  private boolean failedFast;
  private IOException lastError;
  private String lastUpstream;
  private Message failedOver;

  Attempts(ForwardOptions options, Upstream[] order, long deadlineNanos) {
    this.options = options;
    this.order = order;
    this.deadlineNanos = deadlineNanos;
  }

  long deadlineNanos() {
    return deadlineNanos;
  }

  /** The upstream to ask next, or null when the query must give up ({@link #giveUp}). */
  Upstream next() {
    while (deadlineNanos - System.nanoTime() > LEAST_NANOS_LEFT) {
      if (options.maxConnectAttempts() > 0 && made == options.maxConnectAttempts()) {
        return null;
      }
      if (index == order.length) {
        index = 0;
        skipped = 0;
      }
      Upstream upstream = order[index++];
      if (upstream.down(options.maxFails())) {
        if (++skipped < order.length) {
          continue;
        }
        // Every upstream is down: the health checks themselves may be what is broken.
        ForwardMetrics.HEALTHCHECK_BROKEN.inc();
        if (options.failfastAllUnhealthy()) {
          failedFast = true;
          return null;
        }
        upstream = order[ThreadLocalRandom.current().nextInt(order.length)];
      }
      made++;
      return upstream;
    }
    return null;
  }

  /** The attempt to {@code upstream} failed: it is health checked, and the query goes on. */
  void failed(Upstream upstream, IOException error) {
    lastError = error;
    lastUpstream = upstream.address().label();
    upstream.failed();
  }

  /**
   * Whether {@code reply} has a {@code failover} rcode and another upstream is left to ask; it
   * is kept for when none of them answers better.
   */
  boolean failsOver(Message reply) {
    if (options.failoverRcodes().contains(reply.getRcode()) && made < order.length) {
      failedOver = reply;
      return true;
    }
    return false;
  }

  /** The reply of a query that no upstream answered for good. */
  Message giveUp(Request request) {
    if (failedFast) {
      return Replies.servfail(request, ExtendedErrorCodeOption.NO_REACHABLE_AUTHORITY,
          "forward: no healthy upstream");
    }
    if (failedOver != null) {
      // The upstreams after it failed: an answer with a failover rcode still beats SERVFAIL.
      return ForwardHandler.asClientReply(request, failedOver);
    }
    if (lastError == null) {
      return Replies.servfail(request, ExtendedErrorCodeOption.NO_REACHABLE_AUTHORITY,
          "forward: no upstream reachable");
    }
    return Replies.servfail(request, ExtendedErrorCodeOption.NETWORK_ERROR,
        "forward: " + lastUpstream + ": " + lastError.getMessage());
  }
}
