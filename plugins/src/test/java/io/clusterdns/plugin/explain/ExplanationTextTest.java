package io.clusterdns.plugin.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.ResolvConf;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.ServerLookup;
import io.clusterdns.plugin.testkit.OddRecords;
import io.clusterdns.resolver.ResolverBehaviour;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The report's answer records: as dnsjava prints them, and in RFC 3597's generic form when
 * dnsjava cannot print one (a TSIG whose error field is past the 12-bit rcodes it can name).
 */
class ExplanationTextTest {
  private static final ResolvConf NO_SEARCH = ResolvConf.parse("nameserver 127.0.0.1\n");

  private static Record tsig(int error) throws Exception {
    return OddRecords.tsig(Name.fromString("web.example."), error);
  }

  private static String explained(Record... extra) throws Exception {
    ServerLookup lookup = request -> {
      Message reply = Replies.authoritative(request);
      reply.addRecord(new ARecord(request.qname(), DClass.IN, 5, InetAddress.getByName("192.0.2.1")), Section.ANSWER);
      for (Record record : extra) {
        reply.addRecord(record, Section.ANSWER);
      }
      return reply;
    };
    return new Explainer(lookup, List::of)
        .explain("web.example.", Type.A, ResolverBehaviour.SEARCH_LIST, NO_SEARCH, null, "a test client").text();
  }

  @Test
  void aRecordDnsjavaCannotPrintIsShownInGenericForm() throws Exception {
    String text = explained(tsig(65535));

    assertTrue(text.contains("\n     web.example. 5 IN A 192.0.2.1\n"), text);
    assertTrue(text.contains("\n     web.example. 0 ANY TSIG \\# 17 " + OddRecords.TSIG_65535_RDATA + "\n"), text);
    assertTrue(text.endsWith("resolved after 1 query: 192.0.2.1\n"), text);
  }

  @Test
  void aRecordDnsjavaCanPrintIsPrintedAsDnsjavaDoes() throws Exception {
    String text = explained(tsig(16));

    assertTrue(text.contains("\n     web.example. 0 ANY TSIG . 0 300 0  BADSIG 0\n"), text);
  }

  @Test
  void genericFormIsRfc3597s() throws Exception {
    assertEquals("web.example. 0 ANY TSIG \\# 17 " + OddRecords.TSIG_65535_RDATA,
        RecordText.generic(tsig(65535)));
    assertEquals("web.example. 5 IN A \\# 4 C0000201",
        RecordText.generic(new ARecord(Name.fromString("web.example."), DClass.IN, 5, InetAddress.getByName("192.0.2.1"))));
  }
}
