package io.clusterdns.plugin.loop;

import io.clusterdns.plugin.AnsweringHandler;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Ipv6Text;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.SetupContext;
import io.clusterdns.plugin.Transport;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Detects a forwarding loop as CoreDNS's loop plugin: at start it sends an HINFO query for a
 * random name of its zone into the server, and counts the times that name reaches it; a third
 * sighting means the query went out and came back twice, a loop, which is fatal. Two seconds
 * after one probe got any reply (or after 30 s of trying) it stops looking.
 *
 * <p>Deterministic for the reply cache: it counts only its own probe, which meets a chain that
 * can loop only through a forwarding plugin, and such a chain is never cached.
 */
final class LoopHandler implements AnsweringHandler, Lifecycle, Deterministic {
  private static final int MAX_SIGHTINGS = 2;
  private static final Logger LOG = LoggerFactory.getLogger("clusterdns.loop");
  private static final InetSocketAddress PROBE_SOURCE =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private final Name probe;
  private final String zone;
  private final SetupContext context;
  private final Clock clock;
  private final ProbeTiming timing;
  private final AtomicInteger seen = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile boolean disabled;
  private Thread prober;

  LoopHandler(Name probe, String zone, SetupContext context, Clock clock, ProbeTiming timing) {
    this.probe = probe;
    this.zone = zone;
    this.context = context;
    this.clock = clock;
    this.timing = timing;
  }

  Name probe() {
    return probe;
  }

  /** How many times the probe name has come through since the last failed send. */
  int seen() {
    return seen.get();
  }

  boolean disabled() {
    return disabled;
  }

  /** SERVFAIL for a probe seen too often (the loop is reported), else null: passed on. */
  @Override
  public Message answer(Request request) {
    if (disabled || request.qtype() != Type.HINFO || !request.qname().equals(probe)) {
      return null;
    }
    int sightings = seen.incrementAndGet();
    if (sightings > MAX_SIGHTINGS) {
      if (sightings == MAX_SIGHTINGS + 1) {
        context.serverControl().fatal(loopMessage(request));
      }
      // Not passed on: that would send the probe round the loop once more.
      return Replies.servfail(request);
    }
    return null;
  }

  /** CoreDNS's message, word for word, so that its troubleshooting advice applies. */
  private String loopMessage(Request request) {
    String local;
    try {
      local = hostPort(context.serverControl().localAddress());
    } catch (IllegalStateException e) {
      // A reload took the port away while the probe went round: the loop is no less real.
      local = "(port closed)";
    }
    return String.format(
        "plugin/loop: Loop (%s -> %s) detected for zone \"%s\", see"
            + " https://coredns.io/plugins/loop#troubleshooting. Query: \"HINFO %s\"",
        hostPort(request.remote()), local, zone,
        request.qname());
  }

  /** An address as Go writes it: {@code 127.0.0.1:53}, {@code [::1]:53}. */
  private static String hostPort(InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    String host = ip instanceof Inet4Address ? ip.getHostAddress() : "[" + Ipv6Text.compressed(ip.getAddress()) + "]";
    return host + ":" + address.getPort();
  }

  @Override
  public long generation() {
    return 0;
  }

  /** Starts probing on a thread of its own; the server need not run yet (sends are retried). */
  @Override
  public void start() {
    prober = new Thread(this::probeUntilAnswered, "loop-probe");
    prober.setDaemon(true);
    prober.start();
  }

  /**
   * Sends the probe until one send gets any reply, retrying a failed send after the retry
   * interval, for at most the probe window; then, after the linger time, stops looking for the
   * probe.
   */
  void probeUntilAnswered() {
    Instant deadline = clock.instant().plus(timing.window());
    try {
      while (closed.getCount() > 0 && clock.instant().isBefore(deadline)) {
        try {
          context.serverLookup().lookup(probeRequest());
          closed.await(timing.linger().toNanos(), TimeUnit.NANOSECONDS);
          return;
        } catch (InterruptedException e) {
          throw e;
        } catch (Exception e) {
          LOG.debug("plugin/loop: probe {} not sent yet: {}", probe, e.toString());
          seen.set(0);
        }
        if (closed.await(timing.retry().toNanos(), TimeUnit.NANOSECONDS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      disabled = true;
    }
  }

  private Request probeRequest() {
    Message query = Message.newQuery(Record.newRecord(probe, Type.HINFO, DClass.IN));
    return new Request(query, PROBE_SOURCE, Transport.UDP, zone, System.nanoTime());
  }

  /** Stops probing; a send in progress completes. */
  @Override
  public void close() {
    closed.countDown();
  }
}
