package io.clusterdns.server;

import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import java.net.InetSocketAddress;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;

/**
 * Replies a block's first handler already holds in wire form ({@link
 * io.clusterdns.plugin.WireHandler}: a cache hit), sent without building a message.
 */
final class WireReplies {
  private WireReplies() {}

  /** The first handler's wire reply with the server's OPT, counted; else null. */
  static byte[] answer(BlockChain chain, Request request, Message query, Transport transport,
      ZoneMetrics zone, int length, InetSocketAddress remote, long start) {
    OPTRecord opt = query.getOPT();
    byte[] wire;
    try {
      wire = chain.runWire(request, ReplyEncoder.sizeLimit(opt, transport) - ReplyEncoder.optLength(opt));
    } catch (PluginFailure e) {
      return QueryMetering.finish(query, ChainRuns.failed(request, e), transport, zone, "", length, remote, start);
    }
    if (wire == null) {
      return null;
    }
    wire = ReplyEncoder.withOpt(wire, opt);
    if (zone != null) {
      QueryMetering.counts(zone, query, wire[3] & 0xF, transport, BlockChain.replyPlugin())
          .record(QueryMetering.isIpv6(remote), length, wire.length, System.nanoTime() - start);
    }
    return wire;
  }
}
