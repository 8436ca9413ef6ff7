package io.clusterdns.server;

import io.clusterdns.plugin.DeliveryFault;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.prometheus.PrometheusMetrics;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

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
  private static final int HEADER_LENGTH = 12;
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

  /** What {@link #answer} returns when the reply goes out later through the {@link LateSender}. */
  private static final byte[] LATER = new byte[0];

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
    if (!isQuery(data, length)) {
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
      counts.record(isIpv6(remote), length, reply.length, System.nanoTime() - start);
    }
    return reply;
  }

  /**
   * The fast path: puts the cached reply to the query into {@code out}, ready to send, counts it
   * when its block is measured, and returns true; false when the query must take {@link
   * #processFully}.
   */
  boolean processCached(byte[] data, int length, Transport transport, SocketAddress remote, ByteBuffer out) {
    if (!isQuery(data, length)) {
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
      counts.record(isIpv6(remote), length, out.remaining(), System.nanoTime() - start);
    }
    return true;
  }

  /** Like {@link #process}, without looking in the reply cache first. */
  byte[] processFully(
      byte[] data, int length, InetSocketAddress remote, Transport transport, LateSender late) {
    long start = System.nanoTime();
    if (!isQuery(data, length)) {
      return null;
    }
    Message query;
    try {
      query = new Message(length == data.length ? data : Arrays.copyOf(data, length));
    } catch (IOException | RuntimeException e) {
      return headerOnlyReply(data, Rcode.FORMERR);
    }
    int refusal = refusal(query, data, length);
    Routes current = enter();
    boolean later = false;
    try {
      byte[] wire = answer(current, refusal, data, length, query, remote, transport, start, late);
      later = wire == LATER;
      return later ? null : wire;
    } catch (DeliveryFault fault) {
      return deliver(query, fault, remote, transport, late);
    } finally {
      if (!later) {
        current.inFlight().exit();
      }
    }
  }

  /** The rcode the server answers a parsed query with before any block, NOERROR when none. */
  private static int refusal(Message query, byte[] data, int length) {
    Header header = query.getHeader();
    if (header.getOpcode() != Opcode.QUERY) {
      return Rcode.NOTIMP;
    }
    if (header.getCount(Section.QUESTION) != 1) {
      return Rcode.FORMERR;
    }
    int ednsViolation = EdnsRules.violation(data, length);
    if (ednsViolation != EdnsRules.NONE) {
      return ednsViolation;
    }
    if (query.getQuestion().getDClass() != DClass.IN) {
      return Rcode.REFUSED;
    }
    return Rcode.NOERROR;
  }

  private byte[] answer(Routes current, int refusal, byte[] data, int length, Message query,
      InetSocketAddress remote, Transport transport, long start, LateSender late) throws DeliveryFault {
    ZoneTable.Route route =
        refusal == Rcode.NOERROR ? current.zones().find(query.getQuestion().getName()) : null;
    PortMetrics port = current.metrics();
    if (route == null) {
      Message reply = echoReply(query, refusal == Rcode.NOERROR ? Rcode.REFUSED : refusal);
      return finish(query, reply, transport, port == null ? null : port.dropped(), "", length, remote, start);
    }
    Request request = new Request(query, remote, transport, route.zone(), start);
    BlockChain chain = route.chain();
    ZoneMetrics zone = port != null && chain.metered() ? port.zone(route.zone()) : null;
    byte[] held = wireReply(chain, request, query, transport, zone, length, remote, start);
    if (held != null) {
      return held;
    }
    if (!chain.cacheable() && late != null && chain.asynchronous()) {
      return answerLater(current, chain, request, query, remote, transport, zone, length, start, late);
    }
    if (!chain.cacheable()) {
      Message reply = run(chain, request);
      return finish(query, reply, transport, zone, zone == null ? "" : BlockChain.replyPlugin(), length, remote, start);
    }
    long generation = chain.generation();
    int[] lookups = LOOKUPS.get();
    int lookupsBefore = lookups[MADE];
    Message reply = run(chain, request);
    int rcode = reply.getRcode();
    QueryCounts counts = zone == null ? null : counts(zone, query, reply, transport, BlockChain.replyPlugin());
    byte[] wire = encode(query, reply, transport);
    if (lookups[MADE] == lookupsBefore && (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN)) {
      replies(current, transport).store(data, length, chain, generation, wire, counts);
    }
    if (counts != null) {
      counts.record(isIpv6(remote), length, wire.length, System.nanoTime() - start);
    }
    return wire;
  }

  /**
   * Runs an asynchronous chain. A reply already there (a cache hit) is returned to the calling
   * thread as usual; otherwise the thread that completes the chain encodes the reply and sends
   * it through {@code late}, and the query leaves the configuration only then ({@link LATER}).
   */
  private byte[] answerLater(Routes current, BlockChain chain, Request request, Message query,
      InetSocketAddress remote, Transport transport, ZoneMetrics zone, int length, long start,
      LateSender late) throws DeliveryFault {
    CompletableFuture<Message> stage = chain.runAsync(request).toCompletableFuture();
    if (stage.isDone()) {
      Message reply = outcome(stage, request);
      String plugin = zone == null ? "" : BlockChain.replyPlugin();
      return finish(query, reply, transport, zone, plugin, length, remote, start);
    }
    late.awaiting();
    stage.whenComplete((ignored, error) -> {
      try {
        byte[] wire;
        try {
          Message reply = outcome(stage, request);
          String plugin = zone == null ? "" : BlockChain.replyPlugin();
          wire = finish(query, reply, transport, zone, plugin, length, remote, start);
        } catch (DeliveryFault fault) {
          wire = deliver(query, fault, remote, transport, late);
        }
        if (wire != null) {
          late.send(wire, remote);
        }
      } catch (RuntimeException | LinkageError e) {
        LOG.error("{}: the reply that came later could not be sent: {}", request, e.toString(), e);
      } finally {
        current.inFlight().exit();
        late.answered();
      }
    });
    return LATER;
  }

  /** The reply of a completed asynchronous chain, or the SERVFAIL of its failure. */
  private static Message outcome(CompletableFuture<Message> stage, Request request) throws DeliveryFault {
    try {
      return stage.join();
    } catch (CompletionException | CancellationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof DeliveryFault fault) {
        throw fault;
      }
      return failed(request, cause);
    }
  }

  /**
   * The reply of the chain's first handler when it has it in wire form ({@link
   * io.clusterdns.plugin.WireHandler}: a cache hit), with the server's OPT, counted; else null.
   */
  private static byte[] wireReply(BlockChain chain, Request request, Message query, Transport transport,
      ZoneMetrics zone, int length, InetSocketAddress remote, long start) {
    OPTRecord opt = query.getOPT();
    byte[] wire;
    try {
      wire = chain.runWire(request, ReplyEncoder.sizeLimit(opt, transport) - ReplyEncoder.optLength(opt));
    } catch (PluginFailure e) {
      return finish(query, failed(request, e), transport, zone, "", length, remote, start);
    }
    if (wire == null) {
      return null;
    }
    wire = ReplyEncoder.withOpt(wire, opt);
    if (zone != null) {
      counts(zone, query, wire[3] & 0xF, transport, BlockChain.replyPlugin())
          .record(isIpv6(remote), length, wire.length, System.nanoTime() - start);
    }
    return wire;
  }

  /** Encodes a reply that is not cached, counting it in {@code zone} when that is measured. */
  private static byte[] finish(Message query, Message reply, Transport transport, ZoneMetrics zone,
      String plugin, int length, InetSocketAddress remote, long start) {
    QueryCounts counts = zone == null ? null : counts(zone, query, reply, transport, plugin);
    byte[] wire = encode(query, reply, transport);
    if (counts != null) {
      counts.record(isIpv6(remote), length, wire.length, System.nanoTime() - start);
    }
    return wire;
  }

  private static QueryCounts counts(
      ZoneMetrics zone, Message query, Message reply, Transport transport, String plugin) {
    return counts(zone, query, reply.getRcode(), transport, plugin);
  }

  private static QueryCounts counts(ZoneMetrics zone, Message query, int rcode, Transport transport, String plugin) {
    Record question = query.getQuestion();
    OPTRecord opt = query.getOPT();
    boolean dnssecOk = opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
    return question == null
        ? zone.counts(null, transport, -1, dnssecOk, rcode, plugin)
        : zone.counts(question.getName(), transport, question.getType(), dnssecOk, rcode, plugin);
  }

  private static boolean isIpv6(SocketAddress remote) {
    return remote instanceof InetSocketAddress && ((InetSocketAddress) remote).getAddress() instanceof Inet6Address;
  }

  private static boolean isQuery(byte[] data, int length) {
    return length >= HEADER_LENGTH && (data[2] & 0x80) == 0;
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
      return route == null ? Replies.refused(request) : run(route.chain(), request.inZone(route.zone()));
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

  private static Message run(BlockChain chain, Request request) throws DeliveryFault {
    try {
      return chain.run(request);
    } catch (DeliveryFault fault) {
      throw fault;
    } catch (Exception e) {
      return failed(request, e);
    }
  }

  /** The SERVFAIL for a chain that failed with {@code error}, logged and counted as a panic. */
  private static Message failed(Request request, Throwable error) {
    PrometheusMetrics.PANICS.inc();
    BlockChain.writtenByServer();
    if (error instanceof PluginFailure failure) {
      LOG.error("plugin/{}: {} {}: {}", failure.plugin(), request.qname(),
          Type.string(request.qtype()), failure.getCause().toString(), failure.getCause());
      return Replies.servfail(request, ExtendedErrorCodeOption.OTHER, "plugin/" + failure.plugin() + " failed");
    }
    LOG.error("{} {}: {}", request.qname(), Type.string(request.qtype()), error.toString(), error);
    return Replies.servfail(request, ExtendedErrorCodeOption.OTHER, "server failure");
  }

  /** The reply's wire form, always with the query's ID, whatever ID the handler's message has. */
  private static byte[] encode(Message query, Message reply, Transport transport) {
    byte[] wire = ReplyEncoder.encode(reply, query.getOPT(), transport);
    int id = query.getHeader().getID();
    wire[0] = (byte) (id >>> 8);
    wire[1] = (byte) id;
    return wire;
  }

  /** Carries out a handler's {@link DeliveryFault}: nothing, a reply with another ID, or a late one. */
  private static byte[] deliver(
      Message query, DeliveryFault fault, InetSocketAddress remote, Transport transport, LateSender late) {
    if (fault.reply().isEmpty()) {
      return null;
    }
    byte[] wire = ReplyEncoder.encode(fault.reply().get(), query.getOPT(), transport);
    int id = fault.id().orElse(query.getHeader().getID());
    wire[0] = (byte) (id >>> 8);
    wire[1] = (byte) id;
    long delay = fault.delay().toNanos();
    if (delay == 0) {
      return wire;
    }
    if (late != null) {
      CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS).execute(() -> late.send(wire, remote));
      return null;
    }
    long due = System.nanoTime() + delay;
    for (long left = delay; left > 0; left = due - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
    return wire;
  }

  /** A reply with the query's header fields and, when it had exactly one, its question. */
  private static Message echoReply(Message query, int rcode) {
    Message reply = Replies.replyTo(query);
    reply.getHeader().setRcode(rcode & 0xF);
    if (rcode > 0xF) {
      reply.addRecord(new OPTRecord(ReplyEncoder.MAX_UDP_PAYLOAD, rcode >>> 4, 0, 0), Section.ADDITIONAL);
    }
    return reply;
  }

  /** FORMERR for a packet whose header is readable but whose body is not. */
  private static byte[] headerOnlyReply(byte[] data, int rcode) {
    byte[] reply = new byte[HEADER_LENGTH];
    reply[0] = data[0];
    reply[1] = data[1];
    reply[2] = (byte) (0x80 | (data[2] & 0x79));
    reply[3] = (byte) rcode;
    return reply;
  }
}
