package io.clusterdns.plugin;

import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** Builds reply messages that echo the query's ID, opcode, RD/CD flags and question. */
public final class Replies {
  private Replies() {}

  /** An empty NOERROR reply to {@code request} with the question echoed as sent. */
  public static Message reply(Request request) {
    return replyTo(request.queryMessage());
  }

  /**
   * An empty NOERROR reply to a raw query: its ID, opcode, RD and CD, and its question when it
   * has exactly one (a malformed query may have none or several).
   */
  public static Message replyTo(Message query) {
    Header qh = query.getHeader();
    Message reply = new Message(qh.getID());
    Header h = reply.getHeader();
    h.setFlag(Flags.QR);
    h.setOpcode(qh.getOpcode());
    if (qh.getFlag(Flags.RD)) {
      h.setFlag(Flags.RD);
    }
    if (qh.getFlag(Flags.CD)) {
      h.setFlag(Flags.CD);
    }
    if (qh.getCount(Section.QUESTION) == 1) {
      reply.addRecord(query.getQuestion(), Section.QUESTION);
    }
    return reply;
  }

  /** An authoritative (AA) reply. */
  public static Message authoritative(Request request) {
    Message reply = reply(request);
    reply.getHeader().setFlag(Flags.AA);
    return reply;
  }

  /** An empty reply with the given rcode. */
  public static Message error(Request request, int rcode) {
    Message reply = reply(request);
    reply.getHeader().setRcode(rcode);
    return reply;
  }

  public static Message refused(Request request) {
    return error(request, Rcode.REFUSED);
  }

  public static Message servfail(Request request) {
    return error(request, Rcode.SERVFAIL);
  }

  /** SERVFAIL that says why in an Extended DNS Error (see {@link #withExtendedError}). */
  public static Message servfail(Request request, int extendedError, String text) {
    return withExtendedError(error(request, Rcode.SERVFAIL), extendedError, text);
  }

  /**
   * Attaches an Extended DNS Error (RFC 8914, a code of {@link ExtendedErrorCodeOption} and a
   * short text) to {@code reply} and returns it. The server sends it only to a client whose query
   * had EDNS0, in the OPT record it builds for the reply; a reply may carry several.
   */
  public static Message withExtendedError(Message reply, int code, String text) {
    OPTRecord opt = reply.getOPT();
    java.util.List<EDNSOption> options = new java.util.ArrayList<>();
    if (opt != null) {
      options.addAll(opt.getOptions());
      reply.removeRecord(opt, Section.ADDITIONAL);
    }
    options.add(new ExtendedErrorCodeOption(code, text));
    reply.addRecord(new OPTRecord(1232, 0, 0, 0, options), Section.ADDITIONAL);
    return reply;
  }

  /** The Extended DNS Errors a reply carries, in order; empty when it has none. */
  public static java.util.List<ExtendedErrorCodeOption> extendedErrors(Message reply) {
    OPTRecord opt = reply.getOPT();
    if (opt == null) {
      return java.util.List.of();
    }
    return opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR).stream()
        .map(ExtendedErrorCodeOption.class::cast)
        .toList();
  }
}
