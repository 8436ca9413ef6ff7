package io.clusterdns.plugin.loadbalance;

import io.clusterdns.plugin.Lifecycle;
import java.util.List;
import java.util.random.RandomGenerator;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;

/** A load-balancing policy: how the sections of a NOERROR reply are reordered. */
interface Order extends Lifecycle {
  /** Reorders {@code reply}, the answer to a question of type {@code qtype}, in place. */
  void reorder(Message reply, int qtype, RandomGenerator random);

  /** Puts {@code groups} into {@code section} of {@code reply}, which held {@code before}, unless nothing moved. */
  static void replace(Message reply, int section, List<Record> before, TypeGroups groups) {
    if (groups.sameOrderAs(before)) {
      return;
    }
    reply.removeAllRecords(section);
    for (Record record : groups.records) {
      reply.addRecord(record, section);
    }
  }
}
