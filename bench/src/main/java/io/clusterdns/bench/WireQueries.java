package io.clusterdns.bench;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;

/** Queries as a stub resolver or dnsperf sends them: RD set, one question, no EDNS. */
final class WireQueries {
  private WireQueries() {}

  static Message query(int id, String name, int type) {
    try {
      Message query = Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN));
      query.getHeader().setID(id);
      query.getHeader().setFlag(Flags.RD);
      return query;
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: " + name, e);
    }
  }

  static byte[] wire(int id, String name, int type) {
    return query(id, name, type).toWire();
  }
}
