package io.clusterdns.server;

import io.clusterdns.plugin.Replies;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * The server's own checks of a packet before any server block, and the replies it makes itself
 * when a query fails them.
 */
final class QueryChecks {
  static final int HEADER_LENGTH = 12;

  private QueryChecks() {}

  static boolean isQuery(byte[] data, int length) {
    return length >= HEADER_LENGTH && (data[2] & 0x80) == 0;
  }

  /** The rcode the server answers a parsed query with before any block, NOERROR when none. */
  static int refusal(Message query, byte[] data, int length) {
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

  /** A reply with the query's header fields and, when it had exactly one, its question. */
  static Message echoReply(Message query, int rcode) {
    Message reply = Replies.replyTo(query);
    reply.getHeader().setRcode(rcode & 0xF);
    if (rcode > 0xF) {
      reply.addRecord(new OPTRecord(ReplyEncoder.MAX_UDP_PAYLOAD, rcode >>> 4, 0, 0), Section.ADDITIONAL);
    }
    return reply;
  }

  /** FORMERR for a packet whose header is readable but whose body is not. */
  static byte[] headerOnlyReply(byte[] data, int rcode) {
    byte[] reply = new byte[HEADER_LENGTH];
    reply[0] = data[0];
    reply[1] = data[1];
    reply[2] = (byte) (0x80 | (data[2] & 0x79));
    reply[3] = (byte) rcode;
    return reply;
  }
}
