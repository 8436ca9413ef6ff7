package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Every server-level rule for malformed or unsupported queries, over a real UDP socket. */
class BadPacketTest {
  private static ClusterDns server;

  @BeforeAll
  static void start() throws Exception {
    server = ClusterDns.builder().corefile("example.org {\n whoami\n}\n").start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * Sends {@code bad} and then a good query from the same socket; the first datagram back must be
   * the good query's answer, which proves the bad one was dropped without waiting on a timer.
   */
  private static void assertDropped(byte[] bad) throws IOException {
    Message good = DnsProbe.query("alive.example.org.", Type.A);
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(5000);
      socket.send(new DatagramPacket(bad, bad.length, server.udpAddress()));
      byte[] wire = good.toWire();
      socket.send(new DatagramPacket(wire, wire.length, server.udpAddress()));
      byte[] buffer = new byte[65535];
      DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
      socket.receive(reply);
      Message answer = new Message(Arrays.copyOf(buffer, reply.getLength()));
      assertEquals(good.getHeader().getID(), answer.getHeader().getID(), "the bad packet got an answer");
    }
  }

  @Test
  void packetShorterThanHeaderIsDropped() throws IOException {
    assertDropped(new byte[] {0x12, 0x34, 0x01});
  }

  @Test
  void responseIsNeverAnsweredWithAResponse() throws IOException {
    Message response = DnsProbe.query("x.example.org.", Type.A);
    response.getHeader().setFlag(Flags.QR);
    assertDropped(response.toWire());
  }

  @Test
  void unparsableBodyWithReadableHeaderGetsFormerr() throws IOException {
    byte[] packet = {0x4a, 0x21, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 'e', 'x'};
    Message reply = new Message(DnsProbe.udp(server.udpAddress(), packet, 5000));
    assertEquals(0x4a21, reply.getHeader().getID());
    assertEquals(Rcode.FORMERR, reply.getRcode());
    assertTrue(reply.getHeader().getFlag(Flags.QR));
    assertTrue(reply.getHeader().getFlag(Flags.RD), "RD is copied");
  }

  @Test
  void noQuestionGetsFormerr() throws IOException {
    Message query = new Message(7);
    Message reply = DnsProbe.udp(server.udpAddress(), query);
    assertEquals(Rcode.FORMERR, reply.getRcode());
    assertEquals(7, reply.getHeader().getID());
  }

  @Test
  void twoQuestionsGetFormerr() throws IOException {
    Message query = DnsProbe.query("a.example.org.", Type.A);
    query.addRecord(Record.newRecord(Name.fromString("b.example.org."), Type.A, DClass.IN), Section.QUESTION);
    Message reply = DnsProbe.udp(server.udpAddress(), query);
    assertEquals(Rcode.FORMERR, reply.getRcode());
  }

  @Test
  void opcodeOtherThanQueryGetsNotimp() throws IOException {
    for (int opcode : new int[] {Opcode.IQUERY, Opcode.STATUS, Opcode.NOTIFY, Opcode.UPDATE}) {
      Message query = DnsProbe.query("a.example.org.", Type.SOA);
      query.getHeader().setOpcode(opcode);
      Message reply = DnsProbe.udp(server.udpAddress(), query);
      assertEquals(Rcode.NOTIMP, reply.getRcode(), Opcode.string(opcode));
      assertEquals(opcode, reply.getHeader().getOpcode());
    }
  }

  @Test
  void classOtherThanInGetsRefused() throws IOException {
    Message query = Message.newQuery(Record.newRecord(Name.fromString("version.example.org."), Type.TXT, DClass.CH));
    Message reply = DnsProbe.udp(server.udpAddress(), query);
    assertEquals(Rcode.REFUSED, reply.getRcode());
    assertEquals(DClass.CH, reply.getQuestion().getDClass());
  }

  @Test
  void ednsVersionOtherThanZeroGetsBadvers() throws IOException {
    Message query = DnsProbe.query("a.example.org.", Type.A);
    query.addRecord(new OPTRecord(1232, 0, 1, 0), Section.ADDITIONAL);
    Message reply = DnsProbe.udp(server.udpAddress(), query);
    assertEquals(Rcode.BADVERS, reply.getRcode());
    OPTRecord opt = reply.getOPT();
    assertNotNull(opt, "BADVERS travels in the OPT record");
    assertEquals(0, opt.getVersion());
  }

  @Test
  void ednsVersionIsReadEvenWhenTheExtendedRcodeByteHasItsHighBitSet() throws IOException {
    // OPT with extended-rcode byte 0x80 and version 1: dnsjava reads that TTL field as 0.
    byte[] packet = HexFormat.of().parseHex("1234010000010000000000010d6e67696e782d736572766963650764656661756c74"
        + "0373766307636c7573746572056c6f63616c000001000100002904d0800100000000");
    Message reply = new Message(DnsProbe.udp(server.udpAddress(), packet, 5000));
    assertEquals(Rcode.BADVERS, reply.getRcode());
  }

  @Test
  void optOutsideTheAdditionalSectionGetsFormerr() throws IOException {
    Message query = DnsProbe.query("a.example.org.", Type.A);
    query.addRecord(new OPTRecord(1232, 0, 0, 0), Section.AUTHORITY);
    assertEquals(Rcode.FORMERR, DnsProbe.udp(server.udpAddress(), query).getRcode());
  }

  @Test
  void optOwnedByANameOtherThanTheRootGetsFormerr() throws IOException {
    byte[] question = DnsProbe.query("a.example.org.", Type.A).toWire();
    question[11] = 1; // ARCOUNT
    // Owner "x.", TYPE OPT, CLASS (payload) 1232, TTL 0, RDLENGTH 0.
    byte[] opt = HexFormat.of().parseHex("017800" + "0029" + "04d0" + "00000000" + "0000");
    byte[] packet = Arrays.copyOf(question, question.length + opt.length);
    System.arraycopy(opt, 0, packet, question.length, opt.length);
    Message reply = new Message(DnsProbe.udp(server.udpAddress(), packet, 5000));
    assertEquals(Rcode.FORMERR, reply.getRcode());
  }

  @Test
  void twoOptRecordsGetFormerr() throws IOException {
    Message query = DnsProbe.query("a.example.org.", Type.A);
    query.addRecord(new OPTRecord(1232, 0, 0, 0), Section.ADDITIONAL);
    query.addRecord(new OPTRecord(1232, 0, 0, 0), Section.ADDITIONAL);
    Message reply = DnsProbe.udp(server.udpAddress(), query);
    assertEquals(Rcode.FORMERR, reply.getRcode());
  }

  @Test
  void nameOutsideEveryZoneGetsRefused() throws IOException {
    Message reply = DnsProbe.udp(server.udpAddress(), DnsProbe.query("example.com.", Type.A));
    assertEquals(Rcode.REFUSED, reply.getRcode());
    assertEquals(Name.fromString("example.com."), reply.getQuestion().getName());
  }

  @Test
  void questionIsEchoedExactlyAsSent() throws IOException {
    Message reply = DnsProbe.udp(server.udpAddress(), DnsProbe.query("MiXeD.ExAmPlE.oRg.", Type.A));
    byte[] wire = reply.toWire();
    String text = new String(wire, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertTrue(text.contains("MiXeD") && text.contains("ExAmPlE"), "case of the question is kept on the wire");
    assertArrayEquals(
        Name.fromString("MiXeD.ExAmPlE.oRg.").toWire(),
        reply.getQuestion().getName().toWire());
  }
}
