package io.clusterdns.plugin.k8s_external;

import io.clusterdns.plugin.cluster.ClusterSnapshot;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** Turns a reply under construction into NODATA or NXDOMAIN with the zone's SOA. */
final class ExternalReplies {
  private ExternalReplies() {}

  static Message positiveOrNoData(Message reply, ExternalRecords records, long serial) {
    if (reply.getSection(Section.ANSWER).isEmpty()) {
      return negative(reply, Rcode.NOERROR, records, serial);
    }
    return reply;
  }

  static Message positiveOrNoData(
      Message reply, ExternalRecords records, ClusterSnapshot snapshot) {
    return positiveOrNoData(reply, records, snapshot.serial());
  }

  static Message negative(
      Message reply, int rcode, ExternalRecords records, ClusterSnapshot snapshot) {
    return negative(reply, rcode, records, snapshot.serial());
  }

  static Message negative(Message reply, int rcode, ExternalRecords records, long serial) {
    reply.removeAllRecords(Section.ANSWER);
    reply.removeAllRecords(Section.ADDITIONAL);
    reply.getHeader().setRcode(rcode);
    reply.addRecord(records.soa(serial), Section.AUTHORITY);
    return reply;
  }
}
