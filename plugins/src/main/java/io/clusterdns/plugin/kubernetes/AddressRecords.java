package io.clusterdns.plugin.kubernetes;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** A or AAAA records for the items of a name: one per distinct address of the asked family. */
final class AddressRecords {
  private AddressRecords() {}

  static List<Record> of(Name owner, List<Item> items, int qtype, RecordMaker maker) {
    boolean v4 = qtype == Type.A;
    Set<InetAddress> addresses = new LinkedHashSet<>();
    for (Item item : items) {
      if (item.address() instanceof Inet4Address == v4) {
        addresses.add(item.address());
      }
    }
    List<Record> records = new ArrayList<>(addresses.size());
    for (InetAddress address : addresses) {
      records.add(maker.address(owner, address));
    }
    return records;
  }
}
