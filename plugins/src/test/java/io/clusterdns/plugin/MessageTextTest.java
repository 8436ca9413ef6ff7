package io.clusterdns.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterdns.plugin.testkit.OddRecords;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Messages and records as text, dig-like, whatever they hold: dnsjava's own {@code toString}
 * throws on a TSIG whose error is past 4095, which {@link RecordText} prints in RFC 3597's
 * generic form.
 */
class MessageTextTest {
  private static Name name(String text) throws Exception {
    return Name.fromString(text);
  }

  private static Message reply() throws Exception {
    Message reply = Message.newQuery(Record.newRecord(name("web.example."), Type.A, DClass.IN));
    reply.getHeader().setID(4660);
    reply.getHeader().setFlag(Flags.QR);
    reply.getHeader().setFlag(Flags.AA);
    reply.addRecord(new ARecord(name("web.example."), DClass.IN, 5, InetAddress.getByName("192.0.2.1")), Section.ANSWER);
    reply.addRecord(new NSRecord(name("example."), DClass.IN, 30, name("ns.example.")), Section.AUTHORITY);
    return reply;
  }

  /** The sections of {@link #reply()}, as dig prints them after the header and the EDNS pseudo-section. */
  private static final String SECTIONS = """

      ;; QUESTION SECTION:
      ;web.example. IN A

      ;; ANSWER SECTION:
      web.example. 5 IN A 192.0.2.1

      ;; AUTHORITY SECTION:
      example. 30 IN NS ns.example.
      """;

  @Test
  void aReplyIsPrintedAsDigPrintsIt() throws Exception {
    assertEquals("""
        ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4660
        ;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 1, ADDITIONAL: 0
        """ + SECTIONS, MessageText.of(reply()));
  }

  @Test
  void theEdnsRecordIsAPseudoSectionWithEachOption() throws Exception {
    Message reply = reply();
    reply.getHeader().setRcode(Rcode.SERVFAIL);
    reply.addRecord(new OPTRecord(1232, 0, 0, ExtendedFlags.DO,
        new ExtendedErrorCodeOption(ExtendedErrorCodeOption.NETWORK_ERROR, "forward: timeout"),
        new ExtendedErrorCodeOption(65535),
        new CookieOption(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})), Section.ADDITIONAL);

    assertEquals("""
        ;; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 4660
        ;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 1, ADDITIONAL: 1

        ;; OPT PSEUDOSECTION:
        ; EDNS: version: 0, flags: do; udp: 1232
        ; EDE: 23 (NETWORK_ERROR): (forward: timeout)
        ; EDE: 65535 (EDE65535)
        ; COOKIE: 0102030405060708
        """ + SECTIONS, MessageText.of(reply));
  }

  @Test
  void aRecordDnsjavaCannotPrintIsInGenericForm() throws Exception {
    Message reply = reply();
    reply.addRecord(OddRecords.tsig(name("web.example."), 65535), Section.ADDITIONAL);
    assertThrows(IllegalArgumentException.class, reply::toString, "dnsjava still cannot print it");

    assertEquals("""
        ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4660
        ;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 1, ADDITIONAL: 1
        """ + SECTIONS + """

        ;; ADDITIONAL SECTION:
        web.example. 0 ANY TSIG \\# 17 %s
        """.formatted(OddRecords.TSIG_65535_RDATA), MessageText.of(reply));
  }

  @Test
  void aMessageWithNoQuestionHasAnEmptyQuestionSection() {
    Message message = new Message(7);

    assertEquals("""
        ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 7
        ;; flags:; QUERY: 0, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 0

        ;; QUESTION SECTION:
        """, MessageText.of(message));
  }
}
