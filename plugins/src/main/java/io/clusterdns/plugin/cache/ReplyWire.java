package io.clusterdns.plugin.cache;

import io.clusterdns.plugin.Request;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A cached reply as one byte array in wire form, and the copy of it that answers a query. One
 * array instead of records, names and rdata arrays: under a churning cache (names asked once)
 * the young collector copies every entry stored since its last run, and an entry of one array
 * costs it one object where the records cost it ten.
 *
 * <p>The stored form is the reply as the server would encode it, without OPT (which belongs to
 * one hop): header (ID zero), the question, the records, names compressed by dnsjava. A copy
 * is patched in place, without parsing: ID and flags, TTLs, and the question's name, written
 * over the stored one (equal but for case, so of its length); a name compressed to a pointer
 * into the question takes its spelling, as it would when the server encodes the reply.
 */
final class ReplyWire {
  static final int HEADER_LENGTH = 12;
  /** Type, class, TTL and rdata length: the fixed part between owner name and rdata. */
  private static final int FIXED_FIELDS = 10;
  private static final int[] SECTIONS = {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL};
  private static final int AD = bit(Flags.AD);
  /** The flags a stored reply keeps; QR, opcode, RD and CD are the current query's. */
  private static final int[] STORED_FLAGS = {Flags.AA, Flags.RA, Flags.AD};

  private ReplyWire() {}

  /** The stored form of {@code reply}, whose rcode is at most 15 (the cacheable ones are). */
  static byte[] of(Message reply) {
    Header header = reply.getHeader();
    Message stored = new Message(0);
    Header flags = stored.getHeader();
    for (int flag : STORED_FLAGS) {
      if (header.getFlag(flag)) {
        flags.setFlag(flag);
      }
    }
    flags.setRcode(reply.getRcode() & 0xF);
    stored.addRecord(reply.getQuestion(), Section.QUESTION);
    for (int section : SECTIONS) {
      for (Record record : reply.getSection(section)) {
        if (record.getType() != Type.OPT) {
          stored.addRecord(record, section);
        }
      }
    }
    return stored.toWire();
  }

  /**
   * A copy of {@code stored} that answers {@code request}: its ID, opcode, RD and CD, its
   * question as spelled (in {@code key}, the request's look-up key), every TTL {@code ttl}, and AD only when {@code keepAd}.
   */
  static byte[] answer(byte[] stored, Request request, CacheKey key, long ttl, boolean keepAd) {
    byte[] wire = stored.clone();
    int id = request.id();
    wire[0] = (byte) (id >>> 8);
    wire[1] = (byte) id;
    int flags = ((wire[2] & 0xFF) << 8 | (wire[3] & 0xFF)) & (keepAd ? ~0 : ~AD);
    flags |= bit(Flags.QR) | (request.opcode() & 0xF) << 11;
    if (request.flag(Flags.RD)) {
      flags |= bit(Flags.RD);
    }
    if (request.flag(Flags.CD)) {
      flags |= bit(Flags.CD);
    }
    wire[2] = (byte) (flags >>> 8);
    wire[3] = (byte) flags;
    // Equal to the stored question but for case (the cache key ignores it), so of its length.
    int at = HEADER_LENGTH + key.copyName(wire, HEADER_LENGTH) + 4;
    int records = u16(wire, 6) + u16(wire, 8) + u16(wire, 10);
    for (int i = 0; i < records; i++) {
      at = skipOwner(wire, at);
      int ttlAt = at + 4;
      wire[ttlAt] = (byte) (ttl >>> 24);
      wire[ttlAt + 1] = (byte) (ttl >>> 16);
      wire[ttlAt + 2] = (byte) (ttl >>> 8);
      wire[ttlAt + 3] = (byte) ttl;
      at += FIXED_FIELDS + u16(wire, at + 8);
    }
    return wire;
  }

  /** Where the record whose owner starts at {@code at} has its type field. */
  private static int skipOwner(byte[] wire, int at) {
    while (true) {
      int length = wire[at] & 0xFF;
      if ((length & 0xC0) == 0xC0) {
        return at + 2;
      }
      at += 1 + length;
      if (length == 0) {
        return at;
      }
    }
  }

  /** The bit of {@code flag} (numbered from the top, as {@link Flags}) in the flags field. */
  private static int bit(int flag) {
    return 1 << (15 - flag);
  }

  private static int u16(byte[] wire, int at) {
    return (wire[at] & 0xFF) << 8 | (wire[at + 1] & 0xFF);
  }
}
