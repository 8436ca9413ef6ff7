package io.clusterdns.server;

import io.clusterdns.plugin.DeliveryFault;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/**
 * The server-level rules every query passes before and after the plugin chain: packet checks,
 * routing to the server block of the longest matching zone, SERVFAIL for a failing plugin, and
 * encoding with EDNS0 and truncation. Shared by all listener threads of a port; its only state is
 * the {@link Routes} of the running configuration, swapped whole by a reload: the zone table and
 * the reply cache of each transport, which answers a repeated query to a deterministic chain
 * without parsing it.
 */
final class QueryProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(QueryProcessor.class);
  private static final int MAX_LOOKUP_DEPTH = 8;
  /**
   * Per thread: how deep plugin look-ups are nested, and how many were made, so that a reply
   * that depended on another block's chain is not cached.
   */
  private static final ThreadLocal<int[]> LOOKUPS = ThreadLocal.withInitial(() -> new int[2]);

  /** Clients fall back to TCP for the few truncated answers, so its cache can be small. */
  private static final int TCP_CACHE_CAPACITY = 1 << 12;
  /**
   * Bytes of the TCP cache: a TCP reply may be 64 KiB, and 4,096 of them would be 256 MiB; 4 MiB
   * is 1 KiB a slot on average, or 64 of the largest replies.
   */
  private static final long TCP_CACHE_BYTES = 4L << 20;

  private static final int DEPTH = 0;
  private static final int MADE = 1;

  /**
   * What one configuration serves on this port. The caches go with the zone table: their entries
   * point at the configuration's chains, whose generations say nothing about a newer one. The
   * metrics are null when none of the blocks uses {@code prometheus}.
   */
  private record Routes(
      ZoneTable zones, InFlight inFlight, ReplyCache udpReplies, ReplyCache tcpReplies, PortMetrics metrics) {
    Routes(ZoneTable zones, InFlight inFlight, PortMetrics metrics) {
      this(zones, inFlight, new ReplyCache(ReplyCache.DEFAULT_CAPACITY, ReplyCache.DEFAULT_BYTES),
          new ReplyCache(TCP_CACHE_CAPACITY, TCP_CACHE_BYTES),
          metrics);
    }
  }

  /**
   * Sends a reply that a handler asked to be delayed ({@link DeliveryFault#delay}) once it is
   * due, from another thread, so that the listener is not held up meanwhile.
   */
  @FunctionalInterface
  interface LateSender {
    void send(byte[] reply, InetSocketAddress remote);

    /**
     * A query's reply will come later, from the thread that completes it, through {@link #send}
     * unless dropped, followed by {@link #answered}: the listener waits for it before it closes.
     */
    default void awaiting() {}

    /** The query announced by {@link #awaiting} is done. */
    default void answered() {}
  }

  private volatile Routes routes;
  /** The address the port is bound at, once it is: the {@code server} label of the metrics. */
  private volatile InetSocketAddress bound;

  QueryProcessor(ZoneTable zones, InFlight inFlight) {
    this.routes = new Routes(zones, inFlight, null);
  }

  /**
   * Makes every query from now on take {@code zones}, counted in {@code inFlight}; queries that
   * already entered the previous configuration finish in it.
   */
  void switchTo(ZoneTable zones, InFlight inFlight) {
    InetSocketAddress address = bound;
    this.routes = new Routes(zones, inFlight, address == null ? null : PortMetrics.of(address, zones));
  }

  /**
   * Starts counting the queries of measured blocks, labelled with the port bound at {@code
   * address}; called once the port is bound, before its listeners start.
   */
  void meter(InetSocketAddress address) {
    bound = address;
    Routes current = routes;
    routes = new Routes(current.zones(), current.inFlight(), current.udpReplies(), current.tcpReplies(),
        PortMetrics.of(address, current.zones()));
  }

  /**
   * The current routes, counted as in flight until {@link InFlight#exit}. Checked again after
   * entering: a query that read the routes just before a swap, and entered after the old
   * configuration was found idle, must not run in its closing plugins.
   */
  private Routes enter() {
    while (true) {
      Routes current = routes;
      current.inFlight().enter();
      if (routes == current) {
        return current;
      }
      current.inFlight().exit();
    }
  }

  /**
   * Answers one DNS message. Returns the reply bytes, or null when nothing may be sent back: a
   * packet too short to have a header, or one that is itself a response, or when a handler
   * asked for its reply to be dropped or sent later through {@code late}. With a null {@code
   * late}, a delayed reply is returned after the delay, holding up the calling thread.
   */
  byte[] process(
      byte[] data, int length, InetSocketAddress remote, Transport transport, LateSender late) {
    if (!QueryChecks.isQuery(data, length)) {
      return null;
    }
    Routes current = routes;
    long start = current.metrics() != null ? System.nanoTime() : 0L;
    ReplyCache.Entry entry = replies(current, transport).find(data, length);
    if (entry == null) {
      return processFully(data, length, remote, transport, late);
    }
    byte[] reply = entry.answer(data);
    QueryCounts counts = entry.counts();
    if (counts != null) {
      counts.record(QueryMetering.isIpv6(remote), length, reply.length, System.nanoTime() - start);
    }
    return reply;
  }

  /**
   * The fast path: puts the cached reply to the query into {@code out}, ready to send, counts it
   * when its block is measured, and returns true; false when the query must take {@link
   * #processFully}.
   */
  boolean processCached(byte[] data, int length, Transport transport, SocketAddress remote, ByteBuffer out) {
    if (!QueryChecks.isQuery(data, length)) {
      return false;
    }
    Routes current = routes;
    long start = current.metrics() != null ? System.nanoTime() : 0L;
    ReplyCache.Entry entry = replies(current, transport).find(data, length);
    if (entry == null) {
      return false;
    }
    entry.answer(data, out);
    QueryCounts counts = entry.counts();
    if (counts != null) {
      counts.record(QueryMetering.isIpv6(remote), length, out.remaining(), System.nanoTime() - start);
    }
    return true;
  }

  /** Like {@link #process}, without looking in the reply cache first. */
  byte[] processFully(
      byte[] data, int length, InetSocketAddress remote, Transport transport, LateSender late) {
    long start = System.nanoTime();
    if (!QueryChecks.isQuery(data, length)) {
      return null;
    }
    Message query;
    try {
      query = new Message(length == data.length ? data : Arrays.copyOf(data, length));
    } catch (IOException | RuntimeException e) {
      return QueryChecks.headerOnlyReply(data, Rcode.FORMERR);
    }
    int refusal = QueryChecks.refusal(query, data, length);
    Routes current = enter();
    boolean later = false;
    try {
      byte[] wire = answer(current, refusal, data, length, query, remote, transport, start, late);
      later = wire == LateAnswers.LATER;
      return later ? null : wire;
    } catch (DeliveryFault fault) {
      return ReplyBytes.deliver(query, fault, remote, transport, late);
    } finally {
      if (!later) {
        current.inFlight().exit();
      }
    }
  }

  private byte[] answer(Routes current, int refusal, byte[] data, int length, Message query,
      InetSocketAddress remote, Transport transport, long start, LateSender late) throws DeliveryFault {
    ZoneTable.Route route =
        refusal == Rcode.NOERROR ? current.zones().find(query.getQuestion().getName()) : null;
    PortMetrics port = current.metrics();
    if (route == null) {
      Message reply = QueryChecks.echoReply(query, refusal == Rcode.NOERROR ? Rcode.REFUSED : refusal);
      return QueryMetering.finish(query, reply, transport, port == null ? null : port.dropped(), "", length, remote, start);
    }
    Request request = new Request(query, remote, transport, route.zone(), start);
    BlockChain chain = route.chain();
    ZoneMetrics zone = port != null && chain.metered() ? port.zone(route.zone()) : null;
    byte[] held = WireReplies.answer(chain, request, query, transport, zone, length, remote, start);
    if (held != null) {
      return held;
    }
    if (!chain.cacheable() && late != null && chain.asynchronous()) {
      return LateAnswers.answer(current.inFlight(), chain, request, query, remote, transport, zone, length, start, late);
    }
    if (!chain.cacheable()) {
      Message reply = ChainRuns.run(chain, request);
      return QueryMetering.finish(query, reply, transport, zone, zone == null ? "" : BlockChain.replyPlugin(), length, remote, start);
    }
    long generation = chain.generation();
    int[] lookups = LOOKUPS.get();
    int lookupsBefore = lookups[MADE];
    Message reply = ChainRuns.run(chain, request);
    int rcode = reply.getRcode();
    QueryCounts counts = zone == null ? null : QueryMetering.counts(zone, query, reply, transport, BlockChain.replyPlugin());
    byte[] wire = ReplyBytes.encode(query, reply, transport);
    if (lookups[MADE] == lookupsBefore && (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN)) {
      replies(current, transport).store(data, length, chain, generation, wire, counts);
    }
    if (counts != null) {
      counts.record(QueryMetering.isIpv6(remote), length, wire.length, System.nanoTime() - start);
    }
    return wire;
  }

  private static ReplyCache replies(Routes routes, Transport transport) {
    return transport == Transport.TCP ? routes.tcpReplies() : routes.udpReplies();
  }

  /** Runs a request that a plugin makes, through routing and the chain, without encoding it. */
  Message lookup(Request request) {
    int[] lookups = LOOKUPS.get();
    lookups[MADE]++;
    if (lookups[DEPTH] >= MAX_LOOKUP_DEPTH) {
      LOG.error(
          "lookup of {} nested more than {} deep: a loop between plugins",
          request.qname(),
          MAX_LOOKUP_DEPTH);
      return Replies.servfail(request);
    }
    lookups[DEPTH]++;
    Routes current = enter();
    try {
      ZoneTable.Route route = current.zones().find(request.qname());
      return route == null ? Replies.refused(request) : ChainRuns.run(route.chain(), request.inZone(route.zone()));
    } catch (DeliveryFault fault) {
      // A plugin's own lookup has no client to deliver oddly to: it gets the reply, or fails.
      return fault.reply().orElseGet(() -> Replies.servfail(request));
    } finally {
      current.inFlight().exit();
      lookups[DEPTH]--;
    }
  }

  /** The plugins by name of the block that takes {@code qname}; empty when none does. */
  Map<String, Handler> plugins(Name qname) {
    ZoneTable.Route route = routes.zones().find(qname);
    return route == null ? Map.of() : route.chain().plugins();
  }
}
