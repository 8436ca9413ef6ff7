package io.clusterdns.plugin.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.ResolvConf;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.ServerLookup;
import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.explain.Explanation.Reason;
import io.clusterdns.plugin.explain.Explanation.Step;
import io.clusterdns.plugin.testkit.OddRecords;
import io.clusterdns.resolver.Exchange;
import io.clusterdns.resolver.ResolverBehaviour;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
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
  void aStepPrintsItsReplyEvenWithARecordDnsjavaCannotPrint() throws Exception {
    Message reply = Message.newQuery(Record.newRecord(Name.fromString("web.example."), Type.A, DClass.IN));
    reply.addRecord(tsig(65535), Section.ANSWER);
    Exchange exchange = new Exchange("web.example", Type.A, Transport.UDP, Rcode.NOERROR, false, 1, Duration.ofMillis(1));
    Step step = new Step(exchange, Optional.of(reply), List.of(new Reason("hosts", "web.example is in /etc/hosts")));

    String text = step.toString();

    assertTrue(text.startsWith("Step[exchange=" + exchange + ", reply="), text);
    assertTrue(text.contains("\nweb.example. 0 ANY TSIG \\# 17 " + OddRecords.TSIG_65535_RDATA + "\n"), text);
    assertTrue(text.endsWith(", reasons=[hosts: web.example is in /etc/hosts]]"), text);
  }
}
