package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Issue 10 item 11's probe: for a moment it alone holds the UDP port, and a query that reaches
 * it then is answered once the listener serves, not dropped with the probe.
 */
class UdpProbeTest {
  @Test
  void aQueryThatReachesTheProbeIsAnswered() throws Exception {
    Message query = DnsProbe.query("early.example.org.", Type.A);
    try (DatagramChannel client = DatagramChannel.open()) {
      client.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      UdpSockets.Bound bound = UdpSockets.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2,
          port -> send(client, query, port));
      assertEquals(1, bound.early().size(), "the probe took the query");

      UdpListener listener = UdpListener.serve(bound, 4, answeringProcessor());
      try {
        listener.start("probe-test");
        client.socket().setSoTimeout(5000);
        byte[] buffer = new byte[512];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          client.socket().receive(packet);
        } catch (SocketTimeoutException e) {
          throw new AssertionError("the query sent while the probe held the port was dropped", e);
        }
        Message reply = new Message(Arrays.copyOf(buffer, packet.getLength()));
        assertEquals(query.getHeader().getID(), reply.getHeader().getID());
        assertEquals(packet.getSocketAddress(), listener.address(), "answered from the port it was sent to");
        ARecord answer = (ARecord) reply.getSection(Section.ANSWER).get(0);
        assertNotNull(answer);
        assertEquals("192.0.2.1", answer.getAddress().getHostAddress());
      } finally {
        listener.close();
      }
    }
  }

  private static void send(DatagramChannel client, Message query, InetSocketAddress port) {
    try {
      client.send(ByteBuffer.wrap(query.toWire()), port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static QueryProcessor answeringProcessor() throws Exception {
    BlockChain chain = new BlockChain(List.of("answering"), List.of(new FixedHandlers.Answering()));
    return new QueryProcessor(
        new ZoneTable(Map.of(Name.fromString("example.org."), new ZoneTable.Route("example.org.", chain))),
        new InFlight());
  }
}
