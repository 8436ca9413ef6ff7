package io.clusterdns.plugin.cache;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * The plugins after the cache, as a script the test changes as it goes: each call answers with
 * the current script, and the calls are counted.
 */
final class ScriptedChain implements Chain {
  /** One answer of the next plugin. */
  @FunctionalInterface
  interface Script {
    Message answer(Request request) throws Exception;
  }

  private final AtomicInteger calls = new AtomicInteger();
  private volatile Script script;

  ScriptedChain(Script script) {
    this.script = script;
  }

  void answerWith(Script next) {
    script = next;
  }

  int calls() {
    return calls.get();
  }

  @Override
  public Message next(Request request) throws Exception {
    calls.incrementAndGet();
    return script.answer(request);
  }

  /** A recursive resolver's NOERROR with one A record per address, all with {@code ttl}. */
  static Script addresses(long ttl, String... addresses) {
    return request -> {
      Message reply = Replies.reply(request);
      reply.getHeader().setFlag(Flags.RA);
      for (String address : addresses) {
        reply.addRecord(new ARecord(request.qname(), DClass.IN, ttl, ip(address)), Section.ANSWER);
      }
      return reply;
    };
  }

  /** NXDOMAIN (or NODATA with {@code rcode} NOERROR) with the zone's SOA in authority. */
  static Script negative(int rcode, long soaTtl, long soaMinimum) {
    return request -> {
      Message reply = Replies.reply(request);
      reply.getHeader().setFlag(Flags.RA);
      reply.getHeader().setRcode(rcode);
      Name zone = new Name(request.qname(), request.qname().labels() - 3);
      reply.addRecord(
          new SOARecord(zone, DClass.IN, soaTtl, Name.fromConstantString("ns." + zone),
              Name.fromConstantString("hostmaster." + zone), 1, 7200, 1800, 86400, soaMinimum),
          Section.AUTHORITY);
      return reply;
    };
  }

  static Script rcode(int rcode) {
    return request -> Replies.error(request, rcode);
  }

  static Script failing() {
    return request -> {
      throw new IOException("upstream unreachable");
    };
  }

  static Script servfail() {
    return rcode(Rcode.SERVFAIL);
  }

  private static InetAddress ip(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(address, e);
    }
  }
}
