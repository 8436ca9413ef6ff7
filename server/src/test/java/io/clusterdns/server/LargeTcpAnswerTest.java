package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Transport;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Item 4 of issue 10: an answer past 64 KiB over TCP keeps whole records, without TC. */
class LargeTcpAnswerTest {
  private static final int ADDRESSES = 5000;

  private static String corefile() {
    StringBuilder hosts = new StringBuilder("example.org {\n hosts {\n");
    for (int i = 0; i < ADDRESSES; i++) {
      hosts.append("  10.").append(i >> 8).append('.').append(i & 0xFF).append(".1 big.example.org\n");
    }
    return hosts.append("  no_reverse\n }\n}\n").toString();
  }

  @Test
  void overTcpAsManyWholeRecordsAsFitComeBackWithoutTc() throws Exception {
    try (ClusterDns server = ClusterDns.builder().corefile(corefile()).start()) {
      for (Message query : List.of(DnsProbe.query("big.example.org.", Type.A), withEdns())) {
        Message reply = DnsProbe.tcp(server.tcpAddress(), query);
        assertEquals(Rcode.NOERROR, reply.getRcode());
        assertFalse(reply.getHeader().getFlag(Flags.TC), "TC over TCP");
        List<Record> answers = reply.getSection(Section.ANSWER);
        // 16 bytes an A record with a compressed owner: some 4,090 fit in 65,535 bytes.
        assertTrue(answers.size() > 4000 && answers.size() < ADDRESSES, answers.size() + " records");
        Set<Record> distinct = new HashSet<>(answers);
        assertEquals(answers.size(), distinct.size());
        assertTrue(reply.toWire().length <= 65535);
        assertEquals(query.getOPT() != null, reply.getOPT() != null, "OPT kept as the query had it");
      }
      Message udp = DnsProbe.udp(server.udpAddress(), DnsProbe.query("big.example.org.", Type.A));
      assertTrue(udp.getHeader().getFlag(Flags.TC), "over UDP the client is sent to TCP");
    }
  }

  @Test
  void theAdditionalSectionComesOnlyIfRoomRemains() throws Exception {
    Message reply = new Message();
    reply.getHeader().setFlag(Flags.QR);
    Name name = Name.fromString("big.example.org.");
    reply.addRecord(Record.newRecord(name, Type.A, DClass.IN), Section.QUESTION);
    for (int i = 0; i < ADDRESSES; i++) {
      byte[] address = {10, (byte) (i >> 8), (byte) i, 1};
      reply.addRecord(new ARecord(name, DClass.IN, 5, java.net.InetAddress.getByAddress(address)), Section.ANSWER);
    }
    reply.addRecord(new ARecord(Name.fromString("extra.example.org."), DClass.IN, 5,
        java.net.InetAddress.getByName("192.0.2.1")), Section.ADDITIONAL);
    OPTRecord queryOpt = new OPTRecord(1232, 0, 0);
    Message wire = new Message(ReplyEncoder.encode(reply, queryOpt, Transport.TCP));
    assertTrue(wire.getSection(Section.ANSWER).size() > 4000);
    assertTrue(wire.getSection(Section.ADDITIONAL).stream().noneMatch(r -> r.getType() == Type.A));
    assertFalse(wire.getHeader().getFlag(Flags.TC));

    Message small = new Message();
    small.getHeader().setFlag(Flags.QR);
    small.addRecord(Record.newRecord(name, Type.A, DClass.IN), Section.QUESTION);
    for (int i = 0; i < 3; i++) {
      small.addRecord(reply.getSection(Section.ANSWER).get(i), Section.ANSWER);
    }
    small.addRecord(reply.getSection(Section.ADDITIONAL).get(0), Section.ADDITIONAL);
    Message whole = new Message(ReplyEncoder.encode(small, queryOpt, Transport.TCP));
    assertEquals(3, whole.getSection(Section.ANSWER).size());
    assertTrue(whole.getSection(Section.ADDITIONAL).stream().anyMatch(r -> r.getType() == Type.A));
  }

  private static Message withEdns() {
    Message query = DnsProbe.query("big.example.org.", Type.A);
    query.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    return query;
  }
}
