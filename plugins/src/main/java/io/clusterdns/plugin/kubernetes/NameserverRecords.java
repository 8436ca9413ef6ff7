package io.clusterdns.plugin.kubernetes;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** The apex NS answer: one NS per name server, their addresses as glue. */
final class NameserverRecords {
  private NameserverRecords() {}

  static Answer of(Name owner, Nameservers.Found found, RecordMaker maker) {
    List<Record> answer = new ArrayList<>();
    for (String name : found.names()) {
      answer.add(new NSRecord(owner, DClass.IN, maker.ttl(), maker.name(name)));
    }
    List<Record> glue = new ArrayList<>();
    for (Item item : found.glue()) {
      glue.add(maker.address(maker.name(item.target()), item.address()));
    }
    return Answer.positive(answer, glue);
  }
}
