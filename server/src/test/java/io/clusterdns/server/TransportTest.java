package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** UDP and TCP answers, EDNS0 sizes, truncation and TCP pipelining, over real sockets. */
class TransportTest {
  private static final int BIG = 120;
  private static ClusterDns server;

  @BeforeAll
  static void start() throws Exception {
    StringBuilder corefile = new StringBuilder("example.org {\n  hosts {\n");
    corefile.append("    192.0.2.1 small.example.org\n");
    for (int i = 1; i <= BIG; i++) {
      corefile.append("    10.1.").append(i / 250).append('.').append(i % 250 + 1).append(" big.example.org\n");
    }
    corefile.append("  }\n}\n");
    server = ClusterDns.builder().corefile(corefile.toString()).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Message withEdns(Message query, int size, boolean dnssecOk) {
    query.addRecord(new OPTRecord(size, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
    return query;
  }

  @Test
  void answersOverUdpAndTcp() throws IOException {
    for (Message reply : new Message[] {
        DnsProbe.udp(server.udpAddress(), DnsProbe.query("small.example.org.", Type.A)),
        DnsProbe.tcp(server.tcpAddress(), DnsProbe.query("small.example.org.", Type.A))}) {
      assertEquals(Rcode.NOERROR, reply.getRcode());
      assertEquals(1, reply.getSection(Section.ANSWER).size());
      assertEquals("192.0.2.1", ((org.xbill.DNS.ARecord) reply.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress());
    }
    assertEquals(server.udpAddress().getPort(), server.tcpAddress().getPort(), "UDP and TCP share the port");
  }

  @Test
  void noOptInReplyWhenQueryHadNone() throws IOException {
    Message reply = DnsProbe.udp(server.udpAddress(), DnsProbe.query("small.example.org.", Type.A));
    assertNull(reply.getOPT());
  }

  @Test
  void optIsEchoedWithOurSizeAndTheDoBit() throws IOException {
    Message reply = DnsProbe.udp(server.udpAddress(), withEdns(DnsProbe.query("small.example.org.", Type.A), 4096, true));
    OPTRecord opt = reply.getOPT();
    assertNotNull(opt);
    assertEquals(1232, opt.getPayloadSize());
    assertEquals(0, opt.getVersion());
    assertTrue((opt.getFlags() & ExtendedFlags.DO) != 0, "DO is echoed");
  }

  @Test
  void largeAnswerOverUdpWithoutEdnsIsTruncatedWithinFiveHundredTwelveBytes() throws IOException {
    byte[] wire = DnsProbe.udp(server.udpAddress(), DnsProbe.query("big.example.org.", Type.A).toWire(), 5000);
    assertTrue(wire.length <= 512, "reply of " + wire.length + " bytes");
    Message reply = new Message(wire);
    assertTrue(reply.getHeader().getFlag(Flags.TC));
    assertEquals(0, reply.getSection(Section.ANSWER).size(), "a partial RRset is never sent");
  }

  @Test
  void largeAnswerOverUdpRespectsTheClientEdnsSize() throws IOException {
    byte[] wire = DnsProbe.udp(server.udpAddress(),
        withEdns(DnsProbe.query("big.example.org.", Type.A), 4096, false).toWire(), 5000);
    assertTrue(wire.length <= 1232, "we never send more than we advertise, got " + wire.length);
    Message reply = new Message(wire);
    assertTrue(reply.getHeader().getFlag(Flags.TC));
    assertNotNull(reply.getOPT(), "the OPT record survives truncation");
  }

  @Test
  void largeAnswerOverTcpIsComplete() throws IOException {
    Message reply = DnsProbe.tcp(server.tcpAddress(), DnsProbe.query("big.example.org.", Type.A));
    assertFalse(reply.getHeader().getFlag(Flags.TC));
    assertEquals(BIG, reply.getSection(Section.ANSWER).size());
  }

  @Test
  void severalQueriesOnOneTcpConnectionAreAllAnsweredAndMatchedById() throws IOException {
    int count = 25;
    Map<Integer, String> asked = new HashMap<>();
    try (Socket socket = new Socket(server.tcpAddress().getAddress(), server.tcpAddress().getPort())) {
      socket.setSoTimeout(5000);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      for (int i = 0; i < count; i++) {
        String name = (i % 2 == 0 ? "small" : "big") + ".example.org.";
        Message query = DnsProbe.query(name, Type.A);
        asked.put(query.getHeader().getID(), name);
        byte[] wire = query.toWire();
        out.writeShort(wire.length);
        out.write(wire);
      }
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      for (int i = 0; i < count; i++) {
        Message reply = DnsProbe.readFramed(in);
        String name = asked.remove(reply.getHeader().getID());
        assertNotNull(name, "reply to an ID that was asked once");
        assertEquals(name, reply.getQuestion().getName().toString());
        assertEquals(name.startsWith("big") ? BIG : 1, reply.getSection(Section.ANSWER).size());
      }
    }
    assertTrue(asked.isEmpty());
  }
}
