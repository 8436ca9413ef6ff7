package io.clusterdns.resolver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.testkit.OddRecords;
import io.clusterdns.resolver.Resolution.Outcome;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A lookup's result prints whatever reply it holds: a test's failure message shows it, so it
 * must not throw where dnsjava cannot print a record (a TSIG whose error is past 4095).
 */
class ResolutionTextTest {
  private static final Exchange EXCHANGE =
      new Exchange("web.example", Type.A, Transport.UDP, Rcode.NOERROR, false, 2, Duration.ofMillis(3));

  private static Message reply() throws Exception {
    Name name = Name.fromString("web.example.");
    Message reply = Message.newQuery(Record.newRecord(name, Type.A, DClass.IN));
    reply.getHeader().setID(4660);
    reply.getHeader().setFlag(Flags.QR);
    reply.addRecord(new ARecord(name, DClass.IN, 5, InetAddress.getByName("192.0.2.1")), Section.ANSWER);
    reply.addRecord(OddRecords.tsig(name, 65535), Section.ANSWER);
    return reply;
  }

  @Test
  void resolutionPrintsAnUnprintableRecordInGenericForm() throws Exception {
    Resolution resolution = new Resolution("web.example", Type.A, List.of(EXCHANGE), Outcome.ANSWER, Optional.of(reply()));

    String text = resolution.toString();

    assertTrue(text.startsWith("Resolution[name=web.example, type=A, exchanges=[" + EXCHANGE + "], outcome=ANSWER, answer="), text);
    assertTrue(text.contains("\nweb.example. 5 IN A 192.0.2.1\n"), text);
    assertTrue(text.contains("\nweb.example. 0 ANY TSIG \\# 17 " + OddRecords.TSIG_65535_RDATA + "\n"), text);
  }

  @Test
  void resolutionWithoutAnAnswerSaysSo() {
    Resolution resolution = new Resolution("web.example", Type.A, List.of(EXCHANGE), Outcome.TIMEOUT, Optional.empty());

    assertTrue(resolution.toString().endsWith("outcome=TIMEOUT, answer=none]"), resolution.toString());
  }

  @Test
  void addressResolutionPrintsAnUnprintableRecordInGenericForm() throws Exception {
    AddressResolution resolution = new AddressResolution("web.example", List.of(EXCHANGE), Outcome.ANSWER, List.of(reply()));

    String text = resolution.toString();

    assertTrue(text.startsWith("AddressResolution[name=web.example, exchanges=[" + EXCHANGE + "], outcome=ANSWER, answers="), text);
    assertTrue(text.contains("\nweb.example. 0 ANY TSIG \\# 17 " + OddRecords.TSIG_65535_RDATA + "\n"), text);
  }
}
