package io.clusterdns.plugin.forward;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Explaining;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * Sends the queries of its zone to the upstreams, trying them in the policy's order, skipping
 * those that are down, until one answers or the query's 5 s deadline passes. The calling thread
 * waits for the upstream: at most the read timeout per attempt and the deadline in all; it says
 * so ({@link #blocking}) so that the server does not let a listener thread wait.
 */
public final class ForwardHandler implements Handler, Lifecycle, Explaining {
  private final ForwardOptions options;
  private final Upstream[] upstreams;
  private final Policy.Selector selector;
  private final Name[] except;
  private final long deadlineNanos = ForwardOptions.QUERY_DEADLINE.toNanos();
  private final int readTimeoutMillis;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ScheduledThreadPoolExecutor scheduler;

  ForwardHandler(ForwardOptions options, SSLContext tls, Clock clock) {
    this.options = options;
    this.scheduler = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "forward-health");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.setRemoveOnCancelPolicy(true);
    this.upstreams = options.upstreams().stream()
        .map(a -> new Upstream(a, options, tls, clock, scheduler))
        .toArray(Upstream[]::new);
    this.selector = options.policy().selector(upstreams);
    this.except = options.except().toArray(new Name[0]);
    this.readTimeoutMillis = (int) options.readTimeout().toMillis();
  }

  public ForwardOptions options() {
    return options;
  }

  /** Sweeps idle connections once per expiry period, as CoreDNS's connection manager does. */
  @Override
  public void start() {
    long period = options.expire().toNanos();
    scheduler.scheduleWithFixedDelay(() -> {
      for (Upstream upstream : upstreams) {
        upstream.pool().sweep();
      }
    }, period, period, TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    for (Upstream upstream : upstreams) {
      upstream.close();
    }
  }

  /** It waits for the upstream's reply. */
  @Override
  public boolean blocking() {
    return true;
  }

  @Override
  public Message serve(Request request, Chain next) throws Exception {
    if (!forwarded(request.qname())) {
      return next.next(request);
    }
    if (options.maxConcurrent() == 0) {
      return forward(request, next);
    }
    if (inFlight.incrementAndGet() > options.maxConcurrent()) {
      inFlight.decrementAndGet();
      ForwardMetrics.MAX_CONCURRENT_REJECTS.inc();
      return Replies.withExtendedError(Replies.refused(request), ExtendedErrorCodeOption.OTHER,
          "forward: concurrent queries exceeded maximum " + options.maxConcurrent());
    }
    try {
      return forward(request, next);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** Whether the name is forwarded, to which upstreams in which order, and which are down now. */
  @Override
  public List<String> explain(Request request) {
    Name qname = request.qname();
    if (!qname.subdomain(options.from())) {
      return List.of();
    }
    if (!forwarded(qname)) {
      return List.of("under except: passed to the next plugin, not forwarded");
    }
    List<String> labels = new ArrayList<>();
    for (Upstream upstream : upstreams) {
      labels.add(upstream.address() + (upstream.down(options.maxFails()) ? " (down)" : ""));
    }
    return List.of("forwarded to " + String.join(", ", labels) + ", tried in "
        + options.policy().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " order");
  }

  private boolean forwarded(Name qname) {
    if (!qname.subdomain(options.from())) {
      return false;
    }
    for (Name name : except) {
      if (qname.subdomain(name)) {
        return false;
      }
    }
    return true;
  }

  private Message forward(Request request, Chain next) throws Exception {
    long deadline = System.nanoTime() + deadlineNanos;
    boolean tcp = options.forceTcp() || (request.transport() == Transport.TCP && !options.preferUdp());
    Upstream[] order = selector.order();
    int attempts = 0;
    int skipped = 0;
    int i = 0;
    IOException lastError = null;
    String lastUpstream = null;
    Message failedOver = null;
    while (System.nanoTime() < deadline) {
      if (options.maxConnectAttempts() > 0 && attempts == options.maxConnectAttempts()) {
        break;
      }
      if (i == order.length) {
        i = 0;
        skipped = 0;
      }
      Upstream upstream = order[i++];
      if (upstream.down(options.maxFails())) {
        if (++skipped < order.length) {
          continue;
        }
        // Every upstream is down: the health checks themselves may be what is broken.
        ForwardMetrics.HEALTHCHECK_BROKEN.inc();
        if (options.failfastAllUnhealthy()) {
          return Replies.servfail(request, ExtendedErrorCodeOption.NO_REACHABLE_AUTHORITY,
              "forward: no healthy upstream");
        }
        upstream = order[ThreadLocalRandom.current().nextInt(order.length)];
      }
      attempts++;
      Message reply;
      try {
        reply = upstream.forward(request.query(), tcp, readTimeoutMillis, deadline);
      } catch (IOException e) {
        lastError = e;
        lastUpstream = upstream.address().label();
        upstream.failed();
        continue;
      }
      int rcode = reply.getRcode();
      if (options.failoverRcodes().contains(rcode) && attempts < order.length) {
        failedOver = reply;
        continue;
      }
      if (options.nextRcodes().contains(rcode) || (options.nextOnNodata() && nodata(reply))) {
        return next.next(request);
      }
      return asClientReply(request, reply);
    }
    if (failedOver != null) {
      // The upstreams after it failed: an answer with a failover rcode still beats SERVFAIL.
      return asClientReply(request, failedOver);
    }
    if (lastError == null) {
      return Replies.servfail(request, ExtendedErrorCodeOption.NO_REACHABLE_AUTHORITY, "forward: no upstream reachable");
    }
    return Replies.servfail(request, ExtendedErrorCodeOption.NETWORK_ERROR,
        "forward: " + lastUpstream + ": " + lastError.getMessage());
  }

  private static boolean nodata(Message reply) {
    return reply.getRcode() == Rcode.NOERROR && reply.getHeader().getCount(Section.ANSWER) == 0;
  }

  /** The upstream's reply under the client's ID and question, spelled as the client did. */
  private static Message asClientReply(Request request, Message reply) {
    reply.getHeader().setID(request.id());
    reply.removeAllRecords(Section.QUESTION);
    reply.addRecord(request.question(), Section.QUESTION);
    return reply;
  }

  /** Queries waiting for an upstream now, counted only with {@code max_concurrent}. */
  int inFlight() {
    return inFlight.get();
  }

  /** Upstreams in Corefile order, for tests. */
  List<Upstream> upstreams() {
    return List.of(upstreams);
  }
}
