package io.clusterdns.server;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
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

  private static final int DEPTH = 0;
  private static final int MADE = 1;

  private final ZoneTable zones;
  private final ReplyCache udpReplies;
  private final ReplyCache tcpReplies;
  /**
   * The metrics of this port, null when none of its blocks uses {@code prometheus}. Set once the
   * port is bound (the {@code server} label holds the bound port), before any listener starts.
   */
  private volatile PortMetrics metrics;

  QueryProcessor(ZoneTable zones) {
    this.zones = zones;
    this.udpReplies = new ReplyCache(ReplyCache.DEFAULT_CAPACITY);
    this.tcpReplies = new ReplyCache(TCP_CACHE_CAPACITY);
  }

  /** Starts counting the queries of measured blocks, labelled with the port bound at {@code address}. */
  void meter(InetSocketAddress address) {
    metrics = PortMetrics.of(address, zones);
  }

  /**
   * Answers one DNS message. Returns the reply bytes, or null when nothing may be sent back: a
   * packet too short to have a header, or one that is itself a response.
   */
  byte[] process(byte[] data, int length, InetSocketAddress remote, Transport transport) {
    if (!isQuery(data, length)) {
      return null;
    }
    long start = metrics != null ? System.nanoTime() : 0L;
    ReplyCache.Entry entry = replies(transport).find(data, length);
    if (entry == null) {
      return processFully(data, length, remote, transport);
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
    long start = metrics != null ? System.nanoTime() : 0L;
    ReplyCache.Entry entry = replies(transport).find(data, length);
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
  byte[] processFully(byte[] data, int length, InetSocketAddress remote, Transport transport) {
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
    int refusal = refusal(query);
    ZoneTable.Route route = refusal == Rcode.NOERROR ? zones.find(query.getQuestion().getName()) : null;
    if (route == null) {
      Message reply = echoReply(query, refusal == Rcode.NOERROR ? Rcode.REFUSED : refusal);
      PortMetrics port = metrics;
      return finish(query, reply, transport, port == null ? null : port.dropped(), "", length, remote, start);
    }
    Request request = new Request(query, remote, transport, route.zone(), start);
    BlockChain chain = route.chain();
    PortMetrics port = chain.metered() ? metrics : null;
    ZoneMetrics zone = port == null ? null : port.zone(route.zone());
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
      replies(transport).store(data, length, chain, generation, wire, counts);
    }
    if (counts != null) {
      counts.record(isIpv6(remote), length, wire.length, System.nanoTime() - start);
    }
    return wire;
  }

  /** The rcode the server answers a parsed query with before any block, NOERROR when none. */
  private static int refusal(Message query) {
    Header header = query.getHeader();
    OPTRecord opt = query.getOPT();
    if (header.getOpcode() != Opcode.QUERY) {
      return Rcode.NOTIMP;
    }
    if (header.getCount(Section.QUESTION) != 1 || countOpt(query) > 1) {
      return Rcode.FORMERR;
    }
    if (opt != null && opt.getVersion() != 0) {
      return Rcode.BADVERS;
    }
    if (query.getQuestion().getDClass() != DClass.IN) {
      return Rcode.REFUSED;
    }
    return Rcode.NOERROR;
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
    Record question = query.getQuestion();
    OPTRecord opt = query.getOPT();
    boolean dnssecOk = opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
    return question == null
        ? zone.counts(null, transport, -1, dnssecOk, reply.getRcode(), plugin)
        : zone.counts(question.getName(), transport, question.getType(), dnssecOk, reply.getRcode(), plugin);
  }

  private static boolean isIpv6(SocketAddress remote) {
    return remote instanceof InetSocketAddress && ((InetSocketAddress) remote).getAddress() instanceof Inet6Address;
  }

  private static boolean isQuery(byte[] data, int length) {
    return length >= HEADER_LENGTH && (data[2] & 0x80) == 0;
  }

  private ReplyCache replies(Transport transport) {
    return transport == Transport.TCP ? tcpReplies : udpReplies;
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
    try {
      ZoneTable.Route route = zones.find(request.qname());
      return route == null ? Replies.refused(request) : run(route.chain(), request.inZone(route.zone()));
    } finally {
      lookups[DEPTH]--;
    }
  }

  private static Message run(BlockChain chain, Request request) {
    try {
      return chain.run(request);
    } catch (PluginFailure failure) {
      PrometheusMetrics.PANICS.inc();
      BlockChain.writtenByServer();
      LOG.error("plugin/{}: {} {}: {}", failure.plugin(), request.qname(),
          Type.string(request.qtype()), failure.getCause().toString(), failure.getCause());
      return Replies.servfail(request, ExtendedErrorCodeOption.OTHER, "plugin/" + failure.plugin() + " failed");
    } catch (Exception e) {
      PrometheusMetrics.PANICS.inc();
      BlockChain.writtenByServer();
      LOG.error("{} {}: {}", request.qname(), Type.string(request.qtype()), e.toString(), e);
      return Replies.servfail(request, ExtendedErrorCodeOption.OTHER, "server failure");
    }
  }

  private static int countOpt(Message query) {
    int n = 0;
    for (Record r : query.getSection(Section.ADDITIONAL)) {
      if (r instanceof OPTRecord) {
        n++;
      }
    }
    return n;
  }

  private static byte[] encode(Message query, Message reply, Transport transport) {
    return ReplyEncoder.encode(reply, query.getOPT(), transport);
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
