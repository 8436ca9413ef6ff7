package io.clusterdns.server;

import io.clusterdns.plugin.Transport;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;

/** Counts replies in the metrics of a measured server block (reference b.7). */
final class QueryMetering {
  private QueryMetering() {}

  /** Encodes a reply that is not cached, counting it in {@code zone} when that is measured. */
  static byte[] finish(Message query, Message reply, Transport transport, ZoneMetrics zone,
      String plugin, int length, InetSocketAddress remote, long start) {
    QueryCounts counts = zone == null ? null : counts(zone, query, reply, transport, plugin);
    byte[] wire = ReplyBytes.encode(query, reply, transport);
    if (counts != null) {
      counts.record(isIpv6(remote), length, wire.length, System.nanoTime() - start);
    }
    return wire;
  }

  static QueryCounts counts(
      ZoneMetrics zone, Message query, Message reply, Transport transport, String plugin) {
    return counts(zone, query, reply.getRcode(), transport, plugin);
  }

  static QueryCounts counts(ZoneMetrics zone, Message query, int rcode, Transport transport, String plugin) {
    Record question = query.getQuestion();
    OPTRecord opt = query.getOPT();
    boolean dnssecOk = opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
    return question == null
        ? zone.counts(null, transport, -1, dnssecOk, rcode, plugin)
        : zone.counts(question.getName(), transport, question.getType(), dnssecOk, rcode, plugin);
  }

  static boolean isIpv6(SocketAddress remote) {
    return remote instanceof InetSocketAddress && ((InetSocketAddress) remote).getAddress() instanceof Inet6Address;
  }
}
