package io.clusterdns.server;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import java.net.InetAddress;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * Deterministic handlers for chains built by hand in tests, so their replies can be cached; the
 * benchmarks use them too (bench depends on this module's test jar).
 */
final class FixedHandlers {
  private FixedHandlers() {}

  /** Passes every query on: how the prometheus handler behaves in a chain. */
  static final class PassOn implements Handler, Deterministic {
    @Override
    public Message serve(Request request, Chain next) throws Exception {
      return next.next(request);
    }

    @Override
    public long generation() {
      return 0;
    }
  }

  /** Answers every query with one A record, 192.0.2.1 with a TTL of 5 s. */
  static final class Answering implements Handler, Deterministic {
    @Override
    public Message serve(Request request, Chain next) throws Exception {
      Message reply = Replies.authoritative(request);
      reply.addRecord(new ARecord(request.qname(), DClass.IN, 5, InetAddress.getByName("192.0.2.1")), Section.ANSWER);
      return reply;
    }

    @Override
    public long generation() {
      return 0;
    }
  }
}
