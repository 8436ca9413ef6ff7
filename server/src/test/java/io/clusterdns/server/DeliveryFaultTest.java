package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.DeliveryFault;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.PluginSetup;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** A handler's DeliveryFault reaches the wire: no reply, a late one, or one with another ID. */
class DeliveryFaultTest {
  private static final Duration DELAY = Duration.ofMillis(300);

  /** Faults by the first label: drop…, late…, wrongid…; everything else goes on to whoami. */
  private static final PluginSetup FAULTY =
      TestPlugins.plugin(
          "faulty",
          (request, next) -> {
            String label = request.qname().getLabelString(0);
            if (label.startsWith("drop")) {
              throw DeliveryFault.drop();
            }
            if (label.startsWith("late")) {
              throw DeliveryFault.delay(next.next(request), DELAY);
            }
            if (label.startsWith("wrongid")) {
              throw DeliveryFault.wrongId(next.next(request), request.id() ^ 1);
            }
            return next.next(request);
          });

  private ClusterDns server;

  @BeforeEach
  void start() throws Exception {
    server = ClusterDns.builder()
        .plugins(PluginRegistry.withExtra(Map.of(FAULTY, "whoami")))
        .udpWorkers(1)
        .corefile("example.org {\n faulty\n whoami\n}\n")
        .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aDroppedUdpQueryGetsNoDatagramAndTheServerGoesOn() throws Exception {
    assertNull(DnsProbe.udp(server.udpAddress(), DnsProbe.query("drop.example.org.", Type.A).toWire(), 300));
    assertEquals(Rcode.NOERROR,
        DnsProbe.udp(server.udpAddress(), DnsProbe.query("fine.example.org.", Type.A)).getRcode());
    assertNull(server.exchange(DnsProbe.query("drop.example.org.", Type.A).toWire()));
  }

  @Test
  void aDroppedTcpQueryGetsNoMessageButTheNextQueryOnTheConnectionDoes() throws Exception {
    try (Socket socket = new Socket(server.tcpAddress().getAddress(), server.tcpAddress().getPort())) {
      socket.setSoTimeout(5000);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      for (String name : new String[] {"drop.example.org.", "fine.example.org."}) {
        byte[] wire = DnsProbe.query(name, Type.A).toWire();
        out.writeShort(wire.length);
        out.write(wire);
      }
      out.flush();
      Message first = DnsProbe.readFramed(new DataInputStream(socket.getInputStream()));
      assertEquals("fine.example.org.", first.getQuestion().getName().toString());
    }
  }

  @Test
  void aWrongIdIsSentOverBothTransports() throws Exception {
    Message query = DnsProbe.query("wrongid.example.org.", Type.A);
    assertEquals(query.getHeader().getID() ^ 1, DnsProbe.udp(server.udpAddress(), query).getHeader().getID());
    assertEquals(query.getHeader().getID() ^ 1, DnsProbe.tcp(server.tcpAddress(), query).getHeader().getID());
  }

  @Test
  void aLateUdpReplyDoesNotHoldUpTheNextQueryOnTheSameSocket() throws Exception {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(5000);
      socket.connect(server.udpAddress());
      long start = System.nanoTime();
      for (String name : new String[] {"late.example.org.", "fine.example.org."}) {
        byte[] wire = DnsProbe.query(name, Type.A).toWire();
        socket.send(new DatagramPacket(wire, wire.length));
      }
      String[] order = new String[2];
      long lateArrived = 0;
      for (int i = 0; i < 2; i++) {
        byte[] buffer = new byte[65535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        order[i] = new Message(Arrays.copyOf(buffer, packet.getLength())).getQuestion().getName().toString();
        lateArrived = System.nanoTime() - start;
      }
      assertEquals("[fine.example.org., late.example.org.]", Arrays.toString(order));
      assertTrue(lateArrived >= DELAY.toNanos(), "late reply after " + lateArrived / 1_000_000 + " ms");
    }
  }

  @Test
  void theInProcessExchangeWaitsOutADelay() throws Exception {
    long start = System.nanoTime();
    byte[] reply = server.exchange(DnsProbe.query("late.example.org.", Type.A).toWire());
    assertTrue(System.nanoTime() - start >= DELAY.toNanos());
    assertEquals(Rcode.NOERROR, new Message(reply).getRcode());
  }
}
