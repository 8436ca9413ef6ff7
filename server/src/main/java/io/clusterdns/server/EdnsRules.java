package io.clusterdns.server;

import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The OPT pseudo-record rules of RFC 6891 §6.1.1, checked on the query's wire bytes: at most one
 * OPT, only in the additional section, owned by the root name (else FORMERR), and EDNS version 0
 * (else BADVERS). Read from the bytes because dnsjava clamps a TTL field with its high bit set to
 * zero, which hides the version of an OPT whose extended-rcode byte is 0x80 or more.
 */
final class EdnsRules {
  /** What {@link #violation} returns for a query that keeps every rule. */
  static final int NONE = -1;

  private static final int HEADER_LENGTH = 12;

  private EdnsRules() {}

  /**
   * The rcode a query breaking a rule gets (FORMERR before BADVERS), or {@link #NONE}. The walk
   * stops at the end of the bytes: dnsjava accepts a query cut short when it has TC set.
   */
  static int violation(byte[] data, int length) {
    int questions = u16(data, 4);
    int answers = u16(data, 6);
    int authority = u16(data, 8);
    int records = answers + authority + u16(data, 10);
    int pos = HEADER_LENGTH;
    for (int i = 0; i < questions && pos < length; i++) {
      pos = skipName(data, pos, length) + 4;
    }
    int opts = 0;
    boolean badVersion = false;
    for (int i = 0; i < records && pos < length; i++) {
      int owner = pos;
      pos = skipName(data, pos, length);
      if (pos + 10 > length) {
        break;
      }
      if (u16(data, pos) == Type.OPT) {
        if (i < answers + authority || data[owner] != 0 || ++opts > 1) {
          return Rcode.FORMERR;
        }
        // TYPE(2) CLASS(2), then the TTL field: extended rcode (1 byte), version (1 byte), flags.
        badVersion = data[pos + 5] != 0;
      }
      pos += 8;
      pos += 2 + u16(data, pos);
    }
    return badVersion ? Rcode.BADVERS : NONE;
  }

  /** The position after the name at {@code pos}, or {@code length} when the bytes end first. */
  private static int skipName(byte[] data, int pos, int length) {
    while (pos < length) {
      int len = data[pos] & 0xFF;
      if (len == 0) {
        return pos + 1;
      }
      if ((len & 0xC0) == 0xC0) {
        return pos + 2;
      }
      pos += 1 + len;
    }
    return length;
  }

  private static int u16(byte[] data, int pos) {
    return ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
  }
}
