package io.clusterdns.plugin.log;

import io.clusterdns.plugin.Request;
import java.util.Locale;
import java.util.Optional;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The classes of {@code log}'s {@code class} filter, as CoreDNS's response classification. */
enum ResponseClass {
  ALL,
  SUCCESS,
  DENIAL,
  ERROR;

  static Optional<ResponseClass> fromText(String text) {
    for (ResponseClass c : values()) {
      if (c.name().toLowerCase(Locale.ROOT).equals(text)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * Success is NOERROR with answers, a delegation, or another NOERROR reply without SOA; denial is
   * NXDOMAIN or NODATA (NOERROR, no answer, SOA in authority); everything else (SERVFAIL,
   * REFUSED, NOTIMP, FORMERR, updates, notifies, zone transfers, no reply at all) is error.
   */
  static ResponseClass of(Request request, Message reply) {
    if (reply == null) {
      return ERROR;
    }
    int opcode = request.opcode();
    Record question = request.question();
    if (opcode == Opcode.UPDATE || opcode == Opcode.NOTIFY) {
      return ERROR;
    }
    if (question != null && (question.getType() == Type.AXFR || question.getType() == Type.IXFR)) {
      return ERROR;
    }
    int rcode = reply.getRcode();
    if (rcode == Rcode.NXDOMAIN) {
      return DENIAL;
    }
    if (rcode != Rcode.NOERROR) {
      return ERROR;
    }
    if (!reply.getSection(Section.ANSWER).isEmpty()) {
      return SUCCESS;
    }
    for (Record authority : reply.getSection(Section.AUTHORITY)) {
      if (authority.getType() == Type.SOA) {
        return DENIAL;
      }
    }
    return SUCCESS;
  }
}
