package io.clusterdns.plugin.loadbalance;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.xbill.DNS.Type;

/**
 * {@link RoundRobin} without {@code prefer} on a reply in wire form, in place, for the sections
 * where it comes down to shuffling one address RRset: the section is already in the order
 * {@link TypeGroups} would give it (CNAMEs, other types, addresses, MX), holds at most one MX
 * record, and its A or AAAA records have one owner (however compressed) and the same type,
 * class, TTL and length. Then moving whole records is moving their rdata, and the same draws of
 * the generator give the same order as {@link RoundRobin} on the message. Any other reply is
 * left to the message path ({@link #shuffle} says false before it changes a byte).
 */
final class WireRoundRobin {
  private static final int HEADER_LENGTH = 12;
  private static final int FIXED_FIELDS = 10;
  private static final int SECTIONS = 3;
  private static final int CNAME = 0;
  private static final int OTHER = 1;
  private static final int ADDRESS = 2;
  private static final int MX = 3;

  private WireRoundRobin() {}

  /**
   * Shuffles the address records of every section of {@code wire}, a reply without OPT, as
   * {@link RoundRobin#reorder} would; false, with {@code wire} untouched, when it cannot.
   */
  static boolean shuffle(byte[] wire, RandomGenerator random) {
    if (!walk(wire, null)) {
      return false;
    }
    walk(wire, random);
    return true;
  }

  /**
   * Checks each section ({@code random} null) or shuffles its addresses. The sections are
   * walked in order, so the generator is drawn as {@link RoundRobin} draws it.
   */
  private static boolean walk(byte[] wire, RandomGenerator random) {
    int at = HEADER_LENGTH;
    for (int q = u16(wire, 4); q > 0; q--) {
      at = skipName(wire, at) + 4;
    }
    for (int section = 0; section < SECTIONS; section++) {
      int count = u16(wire, 6 + 2 * section);
      int category = CNAME;
      int mx = 0;
      int firstAddress = -1;
      int firstFields = 0;
      int addresses = 0;
      for (int i = 0; i < count; i++) {
        int start = at;
        int fields = skipName(wire, at);
        int type = u16(wire, fields);
        at = fields + FIXED_FIELDS + u16(wire, fields + 8);
        int kind = kind(type);
        if (kind < category) {
          return false;
        }
        category = kind;
        if (kind == MX) {
          mx++;
        } else if (kind == ADDRESS) {
          if (firstAddress < 0) {
            firstAddress = start;
            firstFields = fields;
          } else if (!Arrays.equals(wire, firstFields, firstFields + FIXED_FIELDS, wire, fields, fields + FIXED_FIELDS)
              || !sameName(wire, firstAddress, start)) {
            return false;
          }
          addresses++;
        }
      }
      if (count < 2) {
        continue;
      }
      if (mx > 1) {
        return false;
      }
      if (random != null && addresses > 1) {
        shuffle(wire, firstAddress, u16(wire, firstFields + 8), addresses, random);
      }
    }
    return true;
  }

  /**
   * {@link RoundRobin}'s Fisher-Yates on the rdata of the {@code count} records from {@code
   * first}, each {@code length} bytes. An RRset is a few records: each swap finds its two by
   * walking from the first rather than keeping their offsets in an array.
   */
  private static void shuffle(byte[] wire, int first, int length, int count, RandomGenerator random) {
    for (int i = count - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      if (i != j) {
        int a = rdata(wire, first, i);
        int b = rdata(wire, first, j);
        for (int k = 0; k < length; k++) {
          byte swap = wire[a + k];
          wire[a + k] = wire[b + k];
          wire[b + k] = swap;
        }
      }
    }
  }

  private static int kind(int type) {
    if (type == Type.CNAME) {
      return CNAME;
    }
    if (TypeGroups.isAddress(type)) {
      return ADDRESS;
    }
    return type == Type.MX ? MX : OTHER;
  }

  /** Where the rdata of the {@code index}th record from the one at {@code first} starts. */
  private static int rdata(byte[] wire, int first, int index) {
    int at = first;
    for (int i = 0; i < index; i++) {
      int fields = skipName(wire, at);
      at = fields + FIXED_FIELDS + u16(wire, fields + 8);
    }
    return skipName(wire, at) + FIXED_FIELDS;
  }

  /**
   * Whether the names at {@code a} and {@code b} have the same labels, byte for byte (so the
   * same case too), following compression pointers: the first owner of an RRset is often
   * spelled out and the others point to it.
   */
  private static boolean sameName(byte[] wire, int a, int b) {
    while (true) {
      a = label(wire, a);
      b = label(wire, b);
      int length = wire[a] & 0xFF;
      if (length != (wire[b] & 0xFF) || !Arrays.equals(wire, a + 1, a + 1 + length, wire, b + 1, b + 1 + length)) {
        return false;
      }
      if (length == 0) {
        return true;
      }
      a += length + 1;
      b += length + 1;
    }
  }

  /** The offset of the label at {@code at}, past any pointers. */
  private static int label(byte[] wire, int at) {
    while ((wire[at] & 0xC0) == 0xC0) {
      int target = (wire[at] & 0x3F) << 8 | (wire[at + 1] & 0xFF);
      if (target >= at) {
        // Only backward pointers end; an encoder writes no other kind.
        throw new IllegalArgumentException("compression pointer at " + at + " does not point back");
      }
      at = target;
    }
    return at;
  }

  private static int skipName(byte[] wire, int at) {
    while (true) {
      int length = wire[at] & 0xFF;
      if (length == 0) {
        return at + 1;
      }
      if ((length & 0xC0) == 0xC0) {
        return at + 2;
      }
      at += length + 1;
    }
  }

  private static int u16(byte[] wire, int at) {
    return (wire[at] & 0xFF) << 8 | (wire[at + 1] & 0xFF);
  }
}
