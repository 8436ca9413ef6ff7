package io.clusterdns.plugin.loadbalance;

import java.util.List;
import java.util.random.RandomGenerator;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * CoreDNS's round-robin order of one section: CNAMEs first, then other types in their order, then
 * the A and AAAA records shuffled (those in preferred subnets first), then MX records shuffled.
 * A section that is all addresses is simply shuffled.
 */
final class RoundRobin implements Order {
  private static final int[] SECTIONS = {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL};

  private final List<Subnet> prefer;

  RoundRobin(List<Subnet> prefer) {
    this.prefer = List.copyOf(prefer);
  }

  /** Whether some addresses go first by subnet, which {@link WireRoundRobin} does not do. */
  boolean prefers() {
    return !prefer.isEmpty();
  }

  @Override
  public void reorder(Message reply, int qtype, RandomGenerator random) {
    for (int section : SECTIONS) {
      List<Record> records = reply.getSection(section);
      if (records.size() < 2) {
        continue;
      }
      TypeGroups groups = new TypeGroups(records);
      shuffle(groups.records, groups.addressStart, groups.addressCount, random);
      preferFirst(groups.records, groups.addressStart, groups.addressCount);
      shuffle(groups.records, groups.mxStart, groups.mxCount, random);
      Order.replace(reply, section, records, groups);
    }
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
