package io.clusterdns.plugin.kubernetes;

import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.ServerLookup;
import java.io.IOException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The rest of the server as an ExternalName chase sees it: {@code ext.interwebs.test} has an A
 * and an AAAA record, {@code truncated.test} answers one A record with TC set, {@code
 * upstream-fails.test} fails, every other name is NXDOMAIN.
 */
final class FakeUpstream implements ServerLookup {
  static final Name KNOWN = Name.fromConstantString("ext.interwebs.test.");
  static final Name FAILING = Name.fromConstantString("upstream-fails.test.");
  static final Name TRUNCATED = Name.fromConstantString("truncated.test.");

  @Override
  public Message lookup(Request request) throws IOException {
    if (request.qname().equals(FAILING)) {
      throw new IOException("upstream timed out");
    }
    Message reply = Replies.reply(request);
    if (request.qname().equals(TRUNCATED)) {
      reply.getHeader().setFlag(Flags.TC);
      reply.addRecord(
          new ARecord(TRUNCATED, DClass.IN, 300, ClusterFixture.ip("203.0.113.11")), Section.ANSWER);
      return reply;
    }
    if (!request.qname().equals(KNOWN)) {
      reply.getHeader().setRcode(Rcode.NXDOMAIN);
      return reply;
    }
    if (request.qtype() == Type.A) {
      reply.addRecord(
          new ARecord(KNOWN, DClass.IN, 300, ClusterFixture.ip("203.0.113.10")), Section.ANSWER);
    } else if (request.qtype() == Type.AAAA) {
      reply.addRecord(
          new AAAARecord(KNOWN, DClass.IN, 300, ClusterFixture.ip("2001:db8::10")), Section.ANSWER);
    }
    return reply;
  }
}
