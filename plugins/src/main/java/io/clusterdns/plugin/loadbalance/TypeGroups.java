package io.clusterdns.plugin.loadbalance;

import java.util.List;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The records of a section regrouped as CoreDNS's load balancing orders them: CNAMEs, then other
 * types in their order, then A and AAAA records, then MX records. The policies then reorder the
 * address and MX ranges in place.
 */
final class TypeGroups {
  final Record[] records;
  final int addressStart;
  final int addressCount;
  final int mxStart;
  final int mxCount;

  TypeGroups(List<Record> section) {
    records = new Record[section.size()];
    int at = 0;
    int addresses = 0;
    int mx = 0;
    for (Record record : section) {
      int type = record.getType();
      if (type == Type.CNAME) {
        records[at++] = record;
      } else if (isAddress(type)) {
        addresses++;
      } else if (type == Type.MX) {
        mx++;
      }
    }
    for (Record record : section) {
      int type = record.getType();
      if (type != Type.CNAME && !isAddress(type) && type != Type.MX) {
        records[at++] = record;
      }
    }
    addressStart = at;
    addressCount = addresses;
    for (Record record : section) {
      if (isAddress(record.getType())) {
        records[at++] = record;
      }
    }
    mxStart = at;
    mxCount = mx;
    for (Record record : section) {
      if (record.getType() == Type.MX) {
        records[at++] = record;
      }
    }
  }

  static boolean isAddress(int type) {
    return type == Type.A || type == Type.AAAA;
  }

  /** Whether the records are in the section's own order still. */
  boolean sameOrderAs(List<Record> section) {
    for (int i = 0; i < records.length; i++) {
      if (records[i] != section.get(i)) {
        return false;
      }
    }
    return true;
  }
}
