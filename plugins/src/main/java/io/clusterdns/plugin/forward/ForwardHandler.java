package io.clusterdns.plugin.forward;

import io.clusterdns.plugin.AsyncHandler;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * Sends the queries of its zone to the upstreams, trying them in the policy's order, skipping
 * those that are down, until one answers or the query's 5 s deadline passes. Over UDP no thread
 * waits ({@link #serveAsync}): the forwarder's socket thread goes on from the upstream's reply.
 * Over TCP and TLS the calling thread waits: at most the read timeout per attempt and the
 * deadline in all; it says so ({@link #blocking}) so that the server does not let a listener
 * thread wait.
 */
public final class ForwardHandler implements Handler, AsyncHandler, Lifecycle, Explaining {
  private static final Logger LOG = LoggerFactory.getLogger("clusterdns.forward");
  /**
   * Threads for what an asynchronous query may wait for (a truncated reply asked again over
   * TCP, the next plugin after {@code next}), and the tasks that may queue for one; beyond both
   * the attempt fails (the next upstream is tried) or the query gets SERVFAIL.
   */
  private static final int WAITING_THREADS = 16;
  private static final int WAITING_QUEUE = 256;

  private final ForwardOptions options;
  private final Upstream[] upstreams;
  private final Policy.Selector selector;
  private final Name[] except;
  private final long deadlineNanos = ForwardOptions.QUERY_DEADLINE.toNanos();
  private final int readTimeoutMillis;
  private final long readTimeoutNanos;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ScheduledThreadPoolExecutor scheduler;
  /** Null while not started, and when some upstream is reached over TLS or always over TCP. */
  private volatile UdpMultiplexer multiplexer;
  private final ThreadPoolExecutor waiting;

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
    this.readTimeoutNanos = options.readTimeout().toNanos();
    this.waiting = new ThreadPoolExecutor(0, WAITING_THREADS, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(WAITING_QUEUE), task -> {
          Thread thread = new Thread(task, "forward-waiting");
          thread.setDaemon(true);
          return thread;
        });
  }

  public ForwardOptions options() {
    return options;
  }

  /** Sweeps idle connections once per expiry period, as CoreDNS's connection manager does. */
  @Override
  public void start() throws IOException {
    if (!options.forceTcp() && options.upstreams().stream().noneMatch(UpstreamAddress::tls)) {
      multiplexer = openMultiplexer();
    }
    long period = options.expire().toNanos();
    scheduler.scheduleWithFixedDelay(() -> {
      for (Upstream upstream : upstreams) {
        upstream.pool().sweep();
      }
    }, period, period, TimeUnit.NANOSECONDS);
  }

  /**
   * The socket thread with a connected socket per upstream, or null when an upstream cannot be
   * reached now (no route, as in a container started without a network): an unreachable
   * upstream must not stop the server, so its queries then take the waiting path, which opens
   * its sockets per query and fails over or answers SERVFAIL as for any upstream that is down.
   */
  private UdpMultiplexer openMultiplexer() throws IOException {
    UdpMultiplexer udp = new UdpMultiplexer();
    for (Upstream upstream : upstreams) {
      try {
        upstream.attach(udp.open(upstream));
      } catch (IOException e) {
        LOG.warn("forward: cannot open a UDP socket to {} ({}); its queries wait on threads of their own",
            upstream.address(), e.getMessage());
        udp.close();
        return null;
      } catch (RuntimeException e) {
        udp.close();
        throw e;
      }
    }
    udp.start();
    return udp;
  }

  @Override
  public void close() {
    UdpMultiplexer udp = multiplexer;
    if (udp != null) {
      udp.close();
    }
    waiting.shutdownNow();
    scheduler.shutdownNow();
    for (Upstream upstream : upstreams) {
      upstream.close();
    }
  }

  /**
   * Forwards over UDP without a waiting thread: the forwarder's socket thread completes the
   * reply. Null (the waiting path) for a query that goes over TCP or TLS.
   */
  @Override
  public CompletionStage<Message> serveAsync(Request request, Chain next) {
    if (!forwarded(request.qname())) {
      return next.nextAsync(request);
    }
    UdpMultiplexer udp = multiplexer;
    if (udp == null || (request.transport() == Transport.TCP && !options.preferUdp())) {
      return null;
    }
    if (options.maxConcurrent() > 0 && inFlight.incrementAndGet() > options.maxConcurrent()) {
      inFlight.decrementAndGet();
      return CompletableFuture.completedFuture(tooMany(request));
    }
    Attempts attempts = new Attempts(options, selector.order(), System.nanoTime() + deadlineNanos);
    return new AsyncForward(this, udp, waiting, request, next, attempts, readTimeoutNanos).start();
  }

  /** An asynchronous query ended: it no longer counts against {@code max_concurrent}. */
  void ended() {
    if (options.maxConcurrent() > 0) {
      inFlight.decrementAndGet();
    }
  }

  private Message tooMany(Request request) {
    ForwardMetrics.MAX_CONCURRENT_REJECTS.inc();
    return Replies.withExtendedError(Replies.refused(request), ExtendedErrorCodeOption.OTHER,
        "forward: concurrent queries exceeded maximum " + options.maxConcurrent());
  }

  /** Its waiting path waits for the upstream's reply. */
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
      return tooMany(request);
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
    boolean tcp = options.forceTcp() || (request.transport() == Transport.TCP && !options.preferUdp());
    Attempts attempts = new Attempts(options, selector.order(), System.nanoTime() + deadlineNanos);
    for (Upstream upstream = attempts.next(); upstream != null; upstream = attempts.next()) {
      Message reply;
      try {
        reply = upstream.forward(request.query(), tcp, readTimeoutMillis, attempts.deadlineNanos());
      } catch (IOException e) {
        attempts.failed(upstream, e);
        continue;
      }
      if (attempts.failsOver(reply)) {
        continue;
      }
      if (passesOn(reply)) {
        return next.next(request);
      }
      return asClientReply(request, reply);
    }
    return attempts.giveUp(request);
  }

  /** Whether the upstream's reply sends the query to the next plugin ({@code next}). */
  boolean passesOn(Message reply) {
    return options.nextRcodes().contains(reply.getRcode()) || (options.nextOnNodata() && nodata(reply));
  }

  private static boolean nodata(Message reply) {
    return reply.getRcode() == Rcode.NOERROR && reply.getHeader().getCount(Section.ANSWER) == 0;
  }

  /** The upstream's reply under the client's ID and question, spelled as the client did. */
  static Message asClientReply(Request request, Message reply) {
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
