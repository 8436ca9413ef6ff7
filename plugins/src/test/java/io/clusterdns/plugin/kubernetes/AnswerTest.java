package io.clusterdns.plugin.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** An answer put behind a CNAME: order kept, repeats dropped, in time linear in its size. */
class AnswerTest {
  private static final Name ALIAS = Name.fromConstantString("alias.ns.svc.cluster.local.");
  private static final Name TARGET = Name.fromConstantString("big.ns.svc.cluster.local.");
  private static final Record CNAME = new CNAMERecord(ALIAS, DClass.IN, 5, TARGET);

  private static Record a(int i) throws Exception {
    return new ARecord(TARGET, DClass.IN, 5,
        InetAddress.getByAddress(new byte[] {10, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i}));
  }

  @Test
  void theCnameComesFirstAndRepeatedRecordsOnce() throws Exception {
    Answer inner = Answer.positive(List.of(a(2), a(1), a(2), CNAME, a(3)), List.of(a(9)));
    Answer chained = inner.behind(CNAME);
    assertEquals(List.of(CNAME, a(2), a(1), a(3)), chained.answer());
    assertEquals(List.of(a(9)), chained.additional());
  }

  @Test
  void aTargetWithTensOfThousandsOfAddressesIsChainedQuickly() throws Exception {
    // A list's contains() per record made this take minutes; a set takes some milliseconds.
    // The limit only has to tell those apart, also on a CI machine running other builds.
    List<Record> addresses = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      addresses.add(a(i));
    }
    Answer inner = Answer.positive(addresses, List.of());
    Answer chained = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> inner.behind(CNAME));
    assertEquals(50_001, chained.answer().size());
  }
}
