package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Replies;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * On the waiting path (a block whose chain does not pass replies on asynchronously, here
 * because of rewrite), queries that wait for an upstream (forward) do not hold the UDP socket:
 * the other queries of the same port, and of the same chain, are answered meanwhile, and when
 * every thread the port may have is waiting, a query that must wait too is refused at once with
 * an Extended DNS Error.
 * The upstream holds its replies until the test lets them go, so nothing here waits on a timer.
 */
class BlockingDispatchTest {
  /**
   * How long an answer that must not wait for the held query may take. A held query ends only
   * when forward gives up on it at its 5 s deadline, so an answer that had to wait for it comes
   * after 5 s; 3 s tells the two apart, and leaves a loaded machine room (at 1 s it had little).
   */
  private static final int FAST_MILLIS = 3000;

  private HeldUpstream upstream;
  private ClusterDns server;

  @BeforeEach
  void start() throws Exception {
    upstream = new HeldUpstream();
    // One socket and two threads: one may wait for the upstream while the other receives.
    server = ClusterDns.builder()
        .udpWorkers(1)
        .udpThreads(2)
        .corefile("auth.test:0 {\n hosts {\n  192.0.2.1 www.auth.test\n }\n}\n"
            // rewrite does not pass replies on asynchronously: forward takes the waiting path.
            + ".:0 {\n rewrite name exact renamed.example. local.example.\n"
            + " hosts {\n  192.0.2.2 local.example\n  fallthrough\n }\n"
            // One attempt for the whole 5 s deadline: a held query is not asked again meanwhile.
            + " forward . 127.0.0.1:" + upstream.port() + " {\n  prefer_udp\n  read_timeout 5s\n }\n}\n")
        .start();
  }

  @AfterEach
  void stop() {
    upstream.releaseAll();
    server.close();
    upstream.close();
  }

  @Test
  void aQueryWaitingForTheUpstreamDoesNotDelayOtherAnswersOnThePort() throws Exception {
    byte[] slow = DnsProbe.query("slow.example.", Type.A).toWire();
    try (DatagramSocket client = new DatagramSocket()) {
      client.send(new DatagramPacket(slow, slow.length, server.udpAddress()));
      Awaitility.await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(20))
          .until(() -> upstream.heldFor("slow.example.") > 0);

      // Answered while the forwarded query waits: another block, and the same chain's hosts.
      assertAnsweredQuickly("www.auth.test.", "192.0.2.1");
      assertAnsweredQuickly("local.example.", "192.0.2.2");

      upstream.releaseAll();
      client.setSoTimeout(5000);
      byte[] buffer = new byte[512];
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      client.receive(packet);
      Message reply = new Message(java.util.Arrays.copyOf(buffer, packet.getLength()));
      assertEquals(Rcode.NOERROR, reply.getRcode());
      assertEquals("slow.example.", reply.getQuestion().getName().toString());
    }
  }

  @Test
  void whenEveryThreadWaitsAQueryThatMustWaitIsRefusedAtOnceWithAnExtendedError() throws Exception {
    byte[] slow = DnsProbe.query("slow.example.", Type.A).toWire();
    try (DatagramSocket client = new DatagramSocket()) {
      client.send(new DatagramPacket(slow, slow.length, server.udpAddress()));
      Awaitility.await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(20))
          .until(() -> upstream.heldFor("slow.example.") > 0);

      Message second = DnsProbe.query("other.example.", Type.A);
      second.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
      long start = System.nanoTime();
      byte[] wire = DnsProbe.udp(server.udpAddress(), second.toWire(), FAST_MILLIS);
      assertNotNull(wire, "no answer while the only other thread waits for the upstream");
      Message refused = new Message(wire);
      assertTrue(System.nanoTime() - start < Duration.ofMillis(FAST_MILLIS).toNanos());
      assertEquals(Rcode.REFUSED, refused.getRcode());
      ExtendedErrorCodeOption reason = Replies.extendedErrors(refused).get(0);
      assertEquals(ExtendedErrorCodeOption.OTHER, reason.getErrorCode());
      assertTrue(reason.getText().contains("busy"), reason.getText());
      assertEquals(0, upstream.heldFor("other.example."), "the refused query must not have reached the upstream");

      // Answers from memory still come while the socket's threads are all taken.
      assertAnsweredQuickly("local.example.", "192.0.2.2");
    }
  }

  @Test
  void tcpQueriesWaitingForTheUpstreamDoNotHoldUpOtherTcpQueries() throws Exception {
    List<Socket> waiting = new ArrayList<>();
    try {
      // More than the two TCP workers the listener used to have in all.
      for (int i = 0; i < 4; i++) {
        Socket socket = new Socket(server.tcpAddress().getAddress(), server.tcpAddress().getPort());
        waiting.add(socket);
        byte[] wire = DnsProbe.query("slow-" + i + ".example.", Type.A).toWire();
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeShort(wire.length);
        out.write(wire);
        out.flush();
      }
      Awaitility.await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(20))
          .until(() -> {
            for (int i = 0; i < 4; i++) {
              if (upstream.heldFor("slow-" + i + ".example.") == 0) {
                return false;
              }
            }
            return true;
          });

      long start = System.nanoTime();
      Message reply = DnsProbe.tcp(server.tcpAddress(), DnsProbe.query("local.example.", Type.A));
      long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertEquals("192.0.2.2", reply.getSection(Section.ANSWER).get(0).rdataToString());
      assertTrue(millis < FAST_MILLIS, "took " + millis + " ms while four TCP queries waited");
    } finally {
      for (Socket socket : waiting) {
        socket.close();
      }
    }
  }

  private void assertAnsweredQuickly(String name, String address) throws Exception {
    byte[] wire = DnsProbe.udp(server.udpAddress(), DnsProbe.query(name, Type.A).toWire(), FAST_MILLIS);
    assertNotNull(wire, name + " not answered within " + FAST_MILLIS + " ms while a query waits for the upstream");
    Message reply = new Message(wire);
    assertEquals(Rcode.NOERROR, reply.getRcode());
    assertEquals(address, reply.getSection(Section.ANSWER).get(0).rdataToString());
  }

  /** A UDP upstream that keeps every query until released, then answers each with NOERROR. */
  private static final class HeldUpstream implements AutoCloseable {
    private final DatagramSocket socket;
    private final List<DatagramPacket> held = new ArrayList<>();
    private final Thread thread;
    private boolean released;

    HeldUpstream() throws SocketException {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      thread = new Thread(this::run, "held-upstream");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    /** The held queries for {@code name}: forward asks again after its read timeout. */
    synchronized long heldFor(String name) throws IOException {
      long count = 0;
      for (DatagramPacket packet : held) {
        Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
        count += query.getQuestion().getName().toString().equals(name) ? 1 : 0;
      }
      return count;
    }

    private void run() {
      while (!socket.isClosed()) {
        DatagramPacket packet = new DatagramPacket(new byte[512], 512);
        try {
          socket.receive(packet);
          synchronized (this) {
            if (released) {
              answer(packet);
            } else {
              held.add(packet);
            }
          }
        } catch (IOException e) {
          return;
        }
      }
    }

    synchronized void releaseAll() {
      released = true;
      for (DatagramPacket packet : held) {
        try {
          answer(packet);
        } catch (IOException e) {
          return;
        }
      }
    }

    private void answer(DatagramPacket packet) throws IOException {
      Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
      Message reply = new Message(query.getHeader().getID());
      reply.getHeader().setFlag(Flags.QR);
      reply.addRecord(query.getQuestion(), Section.QUESTION);
      byte[] wire = reply.toWire();
      socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}
