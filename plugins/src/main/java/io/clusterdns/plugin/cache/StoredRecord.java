package io.clusterdns.plugin.cache;

import java.util.Arrays;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * One cached resource record without its TTL, which every reply sets anew. The rdata is kept
 * in uncompressed wire form as the record had it (names in it keep their case), and is turned
 * back into a record for each reply, since dnsjava offers no public way to change a TTL.
 */
record StoredRecord(Name owner, int type, int dclass, byte[] rdata) {
  /** Type, class, TTL and rdata length: the fixed part between owner name and rdata. */
  private static final int FIXED_FIELDS = 10;
  /** The record object, its owner name object and the two arrays' headers. */
  private static final int OVERHEAD = 32 + 40 + 2 * 16;

  /**
   * Estimated heap bytes; the owner is counted in full though it may be shared with the key or
   * another record, so the estimate errs high.
   */
  int bytes() {
    return OVERHEAD + owner.length() + rdata.length;
  }

  static StoredRecord of(Record record) {
    byte[] wire = record.toWire(Section.ANSWER);
    int start = record.getName().length() + FIXED_FIELDS;
    return new StoredRecord(
        record.getName(), record.getType(), record.getDClass(), Arrays.copyOfRange(wire, start, wire.length));
  }

  /** The record with {@code ttl}; an owner equal to the question is spelled as the question. */
  Record toRecord(Name question, long ttl) {
    Name name = owner.equals(question) ? question : owner;
    return Record.newRecord(name, type, dclass, ttl, rdata);
  }
}
