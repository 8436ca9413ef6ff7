package io.clusterdns.plugin.loadbalance;

import java.util.List;
import java.util.random.RandomGenerator;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * CoreDNS's round-robin order of one section: CNAMEs first, then other types in their order, then
 * the A and AAAA records shuffled (those in preferred subnets first), then MX records shuffled.
 * A section that is all addresses is simply shuffled.
 */
final class RoundRobin {
  private static final int[] SECTIONS = {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL};

  private final List<Subnet> prefer;

  RoundRobin(List<Subnet> prefer) {
    this.prefer = List.copyOf(prefer);
  }

  /** Reorders the answer, authority and additional sections of {@code reply} in place. */
  void reorder(Message reply, RandomGenerator random) {
    for (int section : SECTIONS) {
      List<Record> records = reply.getSection(section);
      if (records.size() < 2) {
        continue;
      }
      Record[] ordered = order(records, random);
      if (ordered != null) {
        reply.removeAllRecords(section);
        for (Record record : ordered) {
          reply.addRecord(record, section);
        }
      }
    }
  }

  /** The new order, or null when it is the same as the old one. */
  private Record[] order(List<Record> records, RandomGenerator random) {
    int n = records.size();
    Record[] out = new Record[n];
    int at = 0;
    int addresses = 0;
    int mx = 0;
    for (Record record : records) {
      int type = record.getType();
      if (type == Type.CNAME) {
        out[at++] = record;
      } else if (type == Type.A || type == Type.AAAA) {
        addresses++;
      } else if (type == Type.MX) {
        mx++;
      }
    }
    for (Record record : records) {
      int type = record.getType();
      if (type != Type.CNAME && type != Type.A && type != Type.AAAA && type != Type.MX) {
        out[at++] = record;
      }
    }
    int addressStart = at;
    for (Record record : records) {
      if (record.getType() == Type.A || record.getType() == Type.AAAA) {
        out[at++] = record;
      }
    }
    shuffle(out, addressStart, addresses, random);
    preferFirst(out, addressStart, addresses);
    int mxStart = at;
    for (Record record : records) {
      if (record.getType() == Type.MX) {
        out[at++] = record;
      }
    }
    shuffle(out, mxStart, mx, random);
    for (int i = 0; i < n; i++) {
      if (out[i] != records.get(i)) {
        return out;
      }
    }
    return null;
  }

  private static void shuffle(Record[] records, int from, int count, RandomGenerator random) {
    for (int i = count - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Record swap = records[from + i];
      records[from + i] = records[from + j];
      records[from + j] = swap;
    }
  }

  /**
   * Moves addresses in preferred subnets to the front, those of the first listed subnet first,
   * keeping the shuffled order within each group.
   */
  private void preferFirst(Record[] records, int from, int count) {
    if (prefer.isEmpty() || count < 2) {
      return;
    }
    Record[] shuffled = new Record[count];
    System.arraycopy(records, from, shuffled, 0, count);
    int[] rank = new int[count];
    for (int i = 0; i < count; i++) {
      rank[i] = rank(shuffled[i]);
    }
    int at = from;
    for (int r = 0; r <= prefer.size(); r++) {
      for (int i = 0; i < count; i++) {
        if (rank[i] == r) {
          records[at++] = shuffled[i];
        }
      }
    }
  }

  private int rank(Record record) {
    for (int i = 0; i < prefer.size(); i++) {
      if (prefer.get(i).contains(record)) {
        return i;
      }
    }
    return prefer.size();
  }
}
