package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.explain.ExplainQuestion;
import io.clusterdns.plugin.testkit.OddRecords;
import io.clusterdns.resolver.ResolverBehaviour;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * explain over a forward whose upstream answers with a record dnsjava parses but cannot print
 * (a TSIG whose error field is 65535, past the 12-bit rcodes): the report shows it in RFC 3597's
 * generic form instead of failing.
 */
class ExplainUnprintableRecordTest {
  @Test
  void anUpstreamsUnprintableRecordIsShownInGenericForm() throws Exception {
    try (DatagramSocket upstream = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      Thread answering = new Thread(() -> answer(upstream), "odd-upstream");
      answering.setDaemon(true);
      answering.start();
      try (ClusterDns server = ClusterDns.builder()
          .corefile(". {\n  explain 127.0.0.1:0\n  forward . 127.0.0.1:" + upstream.getLocalPort() + "\n}\n")
          .start()) {
        server.awaitReady(Duration.ofSeconds(10));

        String text = server.explain(new ExplainQuestion(
            "www.example.org.", Type.A, ResolverBehaviour.SEARCH_LIST, "default", null, null)).text();

        assertTrue(text.contains("\n     www.example.org. 5 IN A 192.0.2.1\n"), text);
        assertTrue(text.contains("\n     www.example.org. 0 ANY TSIG \\# 17 " + OddRecords.TSIG_65535_RDATA + "\n"), text);
        assertTrue(text.endsWith("resolved after 1 query: 192.0.2.1\n"), text);
      }
    }
  }

  /** Answers every query with an A record and the TSIG record, both in the answer section. */
  private static void answer(DatagramSocket socket) {
    byte[] buffer = new byte[512];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        Message reply = new Message(Arrays.copyOf(buffer, packet.getLength()));
        reply.getHeader().setFlag(Flags.QR);
        Name name = reply.getQuestion().getName();
        reply.addRecord(new ARecord(name, DClass.IN, 5, InetAddress.getByName("192.0.2.1")), Section.ANSWER);
        reply.addRecord(OddRecords.tsig(name, 65535), Section.ANSWER);
        byte[] wire = reply.toWire();
        socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
      } catch (IOException closed) {
        return;
      }
    }
  }
}
