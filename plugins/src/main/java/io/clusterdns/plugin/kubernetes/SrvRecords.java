package io.clusterdns.plugin.kubernetes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;

/**
 * SRV records for the items of a name, as CoreDNS builds them: priority 0, weight 100 divided by
 * the number of items (at least 1), one record per (target, port), and the targets' addresses in
 * the additional section. Items without a port give no SRV.
 */
final class SrvRecords {
  private static final int FULL_WEIGHT = 100;

  private SrvRecords() {}

  static Answer of(Name owner, List<Item> items, RecordMaker maker) {
    int weight = Math.max(1, FULL_WEIGHT / Math.max(1, items.size()));
    Map<String, Name> targets = new HashMap<>();
    Set<Record> answer = new LinkedHashSet<>();
    Set<Record> additional = new LinkedHashSet<>();
    for (Item item : items) {
      if (item.port() == Item.NO_PORT) {
        continue;
      }
      Name target = targets.computeIfAbsent(item.target(), maker::name);
      answer.add(new SRVRecord(owner, DClass.IN, maker.ttl(), 0, weight, item.port(), target));
      additional.add(maker.address(target, item.address()));
    }
    return Answer.positive(new ArrayList<>(answer), new ArrayList<>(additional));
  }
}
