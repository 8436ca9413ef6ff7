package io.clusterdns.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.plugin.testkit.OddRecords;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;

/** One record as a line: as dnsjava prints it, or in RFC 3597's generic form where it cannot. */
class RecordTextTest {
  @Test
  void aRecordDnsjavaCanPrintIsPrintedAsDnsjavaDoes() throws Exception {
    assertEquals("web.example. 5 IN A 192.0.2.1",
        RecordText.of(new ARecord(Name.fromString("web.example."), DClass.IN, 5, InetAddress.getByName("192.0.2.1"))));
    assertEquals("web.example. 0 ANY TSIG . 0 300 0  BADSIG 0",
        RecordText.of(OddRecords.tsig(Name.fromString("web.example."), 16)));
  }

  @Test
  void aRecordDnsjavaCannotPrintIsInGenericForm() throws Exception {
    assertEquals("web.example. 0 ANY TSIG \\# 17 " + OddRecords.TSIG_65535_RDATA,
        RecordText.of(OddRecords.tsig(Name.fromString("web.example."), 65535)));
  }

  @Test
  void genericFormIsRfc3597s() throws Exception {
    assertEquals("web.example. 0 ANY TSIG \\# 17 " + OddRecords.TSIG_65535_RDATA,
        RecordText.generic(OddRecords.tsig(Name.fromString("web.example."), 65535)));
    assertEquals("web.example. 5 IN A \\# 4 C0000201",
        RecordText.generic(new ARecord(Name.fromString("web.example."), DClass.IN, 5, InetAddress.getByName("192.0.2.1"))));
  }
}
