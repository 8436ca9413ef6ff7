package io.clusterdns.server;

import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Transport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns a reply into wire bytes for a given query: OPT when the query had one, the size limit of
 * the transport, and truncation: over UDP it keeps whole RRsets and sets TC (decision D5,
 * docs/decisions.md); over TCP it keeps whole records without TC.
 */
final class ReplyEncoder {
  /** The UDP payload size we advertise, and the most we send over UDP (DNS flag day 2020). */
  static final int MAX_UDP_PAYLOAD = 1232;

  static final int MIN_UDP_PAYLOAD = 512;
  static final int MAX_TCP_MESSAGE = 65535;
  /** An OPT record without options: root owner, type, class, TTL and rdata length. */
  private static final int OPT_LENGTH = 11;

  private ReplyEncoder() {}

  /** The largest reply the client can take over this transport. */
  static int sizeLimit(OPTRecord queryOpt, Transport transport) {
    if (transport == Transport.TCP) {
      return MAX_TCP_MESSAGE;
    }
    if (queryOpt == null) {
      return MIN_UDP_PAYLOAD;
    }
    return Math.max(MIN_UDP_PAYLOAD, Math.min(queryOpt.getPayloadSize(), MAX_UDP_PAYLOAD));
  }

  /** The bytes of the OPT record the server puts in its reply to a query with {@code queryOpt}. */
  static int optLength(OPTRecord queryOpt) {
    return queryOpt == null ? 0 : OPT_LENGTH;
  }

  /**
   * A reply a handler had in wire form (no OPT record, rcode at most 15, within the size limit
   * less {@link #optLength}) with the OPT record {@link #encode} would add: the server's size,
   * version 0, the query's DO, no options.
   */
  static byte[] withOpt(byte[] wire, OPTRecord queryOpt) {
    if (queryOpt == null) {
      return wire;
    }
    byte[] reply = Arrays.copyOf(wire, wire.length + OPT_LENGTH);
    int additional = ((reply[10] & 0xFF) << 8 | (reply[11] & 0xFF)) + 1;
    reply[10] = (byte) (additional >>> 8);
    reply[11] = (byte) additional;
    int at = wire.length;
    // Owner: the root (a zero byte, already there); type OPT; class: the UDP size.
    reply[at + 1] = (byte) (Type.OPT >>> 8);
    reply[at + 2] = (byte) Type.OPT;
    reply[at + 3] = (byte) (MAX_UDP_PAYLOAD >>> 8);
    reply[at + 4] = (byte) MAX_UDP_PAYLOAD;
    // TTL: extended rcode and version 0, then the flags; rdata length 0.
    if ((queryOpt.getFlags() & ExtendedFlags.DO) != 0) {
      reply[at + 7] = (byte) (ExtendedFlags.DO >>> 8);
      reply[at + 8] = (byte) ExtendedFlags.DO;
    }
    return reply;
  }

  /**
   * Encodes {@code reply}, whose rcode may be an extended one, as the answer to a query that had
   * {@code queryOpt} (or null). The reply is left as it was: a handler may return a message it
   * keeps and shares (a pre-built answer), so the OPT and rcode changes go to a copy.
   */
  static byte[] encode(Message handlerReply, OPTRecord queryOpt, Transport transport) {
    try {
      return encodeAsGiven(handlerReply, queryOpt, transport);
    } catch (RuntimeException e) {
      // dnsjava parses some records that it cannot write back (a WKS record without services,
      // from an upstream): the client gets SERVFAIL, not silence, and the listener lives on.
      return encodeAsGiven(unwritable(handlerReply), queryOpt, transport);
    }
  }

  /** SERVFAIL to the question of a reply that dnsjava cannot write, with the reply's ID and flags. */
  private static Message unwritable(Message reply) {
    Header given = reply.getHeader();
    Message servfail = new Message(given.getID());
    Header header = servfail.getHeader();
    for (int flag : new int[] {Flags.QR, Flags.AA, Flags.RD, Flags.RA, Flags.CD}) {
      if (given.getFlag(flag)) {
        header.setFlag(flag);
      }
    }
    header.setOpcode(given.getOpcode());
    header.setRcode(Rcode.SERVFAIL);
    Record question = reply.getQuestion();
    if (question != null) {
      servfail.addRecord(question, Section.QUESTION);
    }
    return Replies.withExtendedError(servfail, ExtendedErrorCodeOption.OTHER, "the reply cannot be encoded");
  }

  private static byte[] encodeAsGiven(Message handlerReply, OPTRecord queryOpt, Transport transport) {
    int rcode = handlerReply.getRcode();
    if (queryOpt == null && rcode <= 0xF && handlerReply.getOPT() == null) {
      return toWire(handlerReply, null, transport);
    }
    Message reply = handlerReply.clone();
    List<EDNSOption> extendedErrors = List.of();
    // A copy: removing from the live section while iterating it fails for a reply parsed from
    // the wire (forward's), whose sections are array lists.
    for (Record opt : List.copyOf(reply.getSection(Section.ADDITIONAL))) {
      if (opt instanceof OPTRecord) {
        extendedErrors = ((OPTRecord) opt).getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR);
        reply.removeRecord(opt, Section.ADDITIONAL);
      }
    }
    reply.getHeader().setRcode(rcode & 0xF);
    if (queryOpt != null) {
      // Only the Extended DNS Errors of a plugin's OPT go on (RFC 8914); size, version and
      // flags are the server's own.
      int flags = (queryOpt.getFlags() & ExtendedFlags.DO) != 0 ? ExtendedFlags.DO : 0;
      reply.addRecord(
          new OPTRecord(MAX_UDP_PAYLOAD, rcode >>> 4, 0, flags, extendedErrors), Section.ADDITIONAL);
    }
    return toWire(reply, queryOpt, transport);
  }

  /**
   * Over UDP, truncation with TC tells the client to ask again over TCP. Over TCP the client has
   * nowhere left to go, so a reply past 64 KiB keeps as many whole records as fit, answer first,
   * then authority, then additional, without TC.
   */
  private static byte[] toWire(Message reply, OPTRecord queryOpt, Transport transport) {
    if (transport != Transport.TCP) {
      return reply.toWire(sizeLimit(queryOpt, transport));
    }
    byte[] whole = reply.toWire();
    return whole.length <= MAX_TCP_MESSAGE ? whole : largestPrefix(reply);
  }

  /** The reply with the most leading records that fits in a TCP message, found by bisection. */
  private static byte[] largestPrefix(Message reply) {
    List<Record> records = new ArrayList<>();
    List<Integer> sections = new ArrayList<>();
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      for (Record record : reply.getSection(section)) {
        if (!(record instanceof OPTRecord)) {
          records.add(record);
          sections.add(section);
        }
      }
    }
    int fits = 0;
    byte[] best = withFirst(reply, records, sections, 0);
    int tooMany = records.size();
    while (tooMany - fits > 1) {
      int middle = (fits + tooMany) >>> 1;
      byte[] wire = withFirst(reply, records, sections, middle);
      if (wire.length <= MAX_TCP_MESSAGE) {
        fits = middle;
        best = wire;
      } else {
        tooMany = middle;
      }
    }
    return best;
  }

  private static byte[] withFirst(Message reply, List<Record> records, List<Integer> sections, int count) {
    Message part = reply.clone();
    OPTRecord opt = part.getOPT();
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      part.removeAllRecords(section);
    }
    for (int i = 0; i < count; i++) {
      part.addRecord(records.get(i), sections.get(i));
    }
    if (opt != null) {
      part.addRecord(opt, Section.ADDITIONAL);
    }
    part.getHeader().unsetFlag(Flags.TC);
    return part.toWire();
  }
}
