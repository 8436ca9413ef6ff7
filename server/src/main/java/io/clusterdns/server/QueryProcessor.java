package io.clusterdns.server;

import io.clusterdns.plugin.DeliveryFault;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
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
   * Sends a reply that a handler asked to be delayed ({@link DeliveryFault#delay}) once it is
   * due, from another thread, so that the listener is not held up meanwhile.
   */
  @FunctionalInterface
  interface LateSender {
    void send(byte[] reply, InetSocketAddress remote);
  }

  QueryProcessor(ZoneTable zones) {
    this.zones = zones;
    this.udpReplies = new ReplyCache(ReplyCache.DEFAULT_CAPACITY);
    this.tcpReplies = new ReplyCache(TCP_CACHE_CAPACITY);
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
    byte[] cached = replies(transport).answer(data, length);
    return cached != null ? cached : processFully(data, length, remote, transport, late);
  }

  /**
   * The fast path: puts the cached reply to the query into {@code out}, ready to send, and
   * returns true; false when the query must take {@link #processFully}.
   */
  boolean processCached(byte[] data, int length, Transport transport, ByteBuffer out) {
    return isQuery(data, length) && replies(transport).answer(data, length, out);
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
    Header header = query.getHeader();
    if (header.getOpcode() != Opcode.QUERY) {
      return encode(query, echoReply(query, Rcode.NOTIMP), transport);
    }
    if (header.getCount(Section.QUESTION) != 1) {
      return encode(query, echoReply(query, Rcode.FORMERR), transport);
    }
    int ednsViolation = EdnsRules.violation(data, length);
    if (ednsViolation != EdnsRules.NONE) {
      return encode(query, echoReply(query, ednsViolation), transport);
    }
    if (query.getQuestion().getDClass() != DClass.IN) {
      return encode(query, echoReply(query, Rcode.REFUSED), transport);
    }
    ZoneTable.Route route = zones.find(query.getQuestion().getName());
    if (route == null) {
      return encode(query, echoReply(query, Rcode.REFUSED), transport);
    }
    Request request = new Request(query, remote, transport, route.zone(), start);
    BlockChain chain = route.chain();
    try {
      if (!chain.cacheable()) {
        return encode(query, run(chain, request), transport);
      }
      return runCacheable(data, length, query, chain, request, transport);
    } catch (DeliveryFault fault) {
      return deliver(query, fault, remote, transport, late);
    }
  }

  private byte[] runCacheable(
      byte[] data, int length, Message query, BlockChain chain, Request request, Transport transport)
      throws DeliveryFault {
    long generation = chain.generation();
    int[] lookups = LOOKUPS.get();
    int lookupsBefore = lookups[MADE];
    Message reply = run(chain, request);
    int rcode = reply.getRcode();
    byte[] wire = encode(query, reply, transport);
    if (lookups[MADE] == lookupsBefore && (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN)) {
      replies(transport).store(data, length, chain, generation, wire);
    }
    return wire;
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
    } catch (DeliveryFault fault) {
      // A plugin's own lookup has no client to deliver oddly to: it gets the reply, or fails.
      return fault.reply().orElseGet(() -> Replies.servfail(request));
    } finally {
      lookups[DEPTH]--;
    }
  }

  private static Message run(BlockChain chain, Request request) throws DeliveryFault {
    try {
      return chain.run(request);
    } catch (DeliveryFault fault) {
      throw fault;
    } catch (PluginFailure failure) {
      LOG.error("plugin/{}: {} {}: {}", failure.plugin(), request.qname(),
          Type.string(request.qtype()), failure.getCause().toString(), failure.getCause());
      return Replies.servfail(request, ExtendedErrorCodeOption.OTHER, "plugin/" + failure.plugin() + " failed");
    } catch (Exception e) {
      LOG.error("{} {}: {}", request.qname(), Type.string(request.qtype()), e.toString(), e);
      return Replies.servfail(request, ExtendedErrorCodeOption.OTHER, "server failure");
    }
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
