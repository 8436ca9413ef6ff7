package io.clusterdns.server;

import static io.clusterdns.server.TcpClients.ATTACKER;
import static io.clusterdns.server.TcpClients.FRESH;
import static io.clusterdns.server.TcpClients.ask;
import static io.clusterdns.server.TcpClients.closedByServer;
import static io.clusterdns.server.TcpClients.connect;
import static io.clusterdns.server.TcpClients.framed;
import static io.clusterdns.server.TcpClients.pause;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The TCP listener against clients that hold connections or drip bytes (issue 10). */
class TcpHardeningTest {
  private static final String COREFILE = "example.org {\n whoami\n}\n";

  /**
   * 1,024 connections from one address, each sending a byte now and then, as in the issue: while
   * the attack goes on, a fresh client gets each answer over TCP, the server closes the attack's
   * connections (not the fresh client's), and the listener spends no thread per connection.
   * Whether the fresh client is shut out is told by its answer coming at all, within a deadline
   * (5 s) far shorter than a listener that waits on the drips would take (1,024 of them, each
   * held to the 2 s message deadline), and generous enough for a loaded machine; how fast the
   * answers come is only printed, as it depends on the machine's load.
   */
  @Test
  void slowDripAttackDoesNotShutOutAFreshClient() throws Exception {
    int threadsBefore = Thread.activeCount();
    ScheduledExecutorService attacker = Executors.newSingleThreadScheduledExecutor();
    try (ClusterDns server = ClusterDns.builder().corefile(COREFILE).start()) {
      Socket[] drips = new Socket[1024];
      for (int i = 0; i < drips.length; i++) {
        drips[i] = connect(server, ATTACKER);
      }
      AtomicInteger rounds = new AtomicInteger();
      AtomicInteger closedDrips = new AtomicInteger();
      // A byte every 250 ms on each connection, reconnecting any the server closed.
      attacker.scheduleWithFixedDelay(() -> {
        for (int i = 0; i < drips.length; i++) {
          try {
            drips[i].getOutputStream().write(0);
          } catch (IOException closed) {
            closedDrips.incrementAndGet();
            try {
              drips[i].close();
              drips[i] = connect(server, ATTACKER);
            } catch (IOException e) {
              // The next round tries again.
            }
          }
        }
        rounds.incrementAndGet();
      }, 0, 250, TimeUnit.MILLISECONDS);
      long slowestMillis = 0;
      int answers = 0;
      int roundsBefore = rounds.get();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
      // At least 4 s of fresh clients, and at least two whole rounds of the attack meanwhile.
      while (System.nanoTime() < end || rounds.get() < roundsBefore + 2) {
        assertTrue(System.nanoTime() - end < TimeUnit.SECONDS.toNanos(60), "the attack made no progress");
        long start = System.nanoTime();
        try (Socket fresh = connect(server, FRESH)) {
          assertEquals(Rcode.NOERROR, ask(fresh, answers).getRcode(), "fresh client " + answers);
        }
        slowestMillis = Math.max(slowestMillis, (System.nanoTime() - start) / 1_000_000);
        answers++;
      }
      int roundsDuring = rounds.get() - roundsBefore;
      attacker.shutdownNow();
      assertTrue(attacker.awaitTermination(10, TimeUnit.SECONDS), "the attacker did not stop");
      System.out.printf("slow-drip attack: %d fresh TCP answers during %d rounds of the attack (%d of its"
              + " connections closed by the server), slowest %d ms, %d threads more%n",
          answers, roundsDuring, closedDrips.get(), slowestMillis, Thread.activeCount() - threadsBefore);
      assertTrue(closedDrips.get() > 0, "the server closed none of the attack's connections");
      assertTrue(Thread.activeCount() - threadsBefore < 64,
          (Thread.activeCount() - threadsBefore) + " threads for 1,024 connections");
      for (Socket drip : drips) {
        drip.close();
      }
    } finally {
      attacker.shutdownNow();
    }
  }

  @Test
  void aClientAtItsCapLosesItsOwnConnectionIdleLongest() throws Exception {
    try (ClusterDns server = ClusterDns.builder().corefile(COREFILE).maxTcpConnectionsPerClient(2).start();
        Socket first = connect(server, ATTACKER);
        Socket second = connect(server, ATTACKER);
        Socket other = connect(server, FRESH)) {
      assertEquals(Rcode.NOERROR, ask(first, 1).getRcode());
      assertEquals(Rcode.NOERROR, ask(second, 2).getRcode());
      assertEquals(Rcode.NOERROR, ask(other, 3).getRcode());
      try (Socket third = connect(server, ATTACKER)) {
        assertEquals(Rcode.NOERROR, ask(third, 4).getRcode());
        InputStream in = first.getInputStream();
        await().atMost(Duration.ofSeconds(20)).until(() -> closedByServer(in));
        assertEquals(Rcode.NOERROR, ask(second, 5).getRcode());
        assertEquals(Rcode.NOERROR, ask(other, 6).getRcode());
      }
    }
  }

  /** A byte now and then does not keep a message going: the whole message has a deadline. */
  @Test
  void aMessageDrippedSlowerThanItsDeadlineClosesTheConnection() throws Exception {
    try (ClusterDns server = ClusterDns.builder().corefile(COREFILE)
            .tcpMessageTimeout(Duration.ofMillis(600)).start();
        Socket socket = connect(server, ATTACKER)) {
      byte[] query = framed(7);
      OutputStream out = socket.getOutputStream();
      long start = System.nanoTime();
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
        try {
          out.write(query[(int) ((System.nanoTime() - start) / 100_000_000L) % 2]);
          return false;
        } catch (IOException e) {
          return true;
        }
      });
      long closedAfter = (System.nanoTime() - start) / 1_000_000;
      assertTrue(closedAfter >= 500, "closed after " + closedAfter + " ms, before the deadline");
    }
  }

  /**
   * A message that misses its deadline costs only itself: the reply to the query before it, still
   * with the upstream when the deadline passes, is sent before the connection closes. forward
   * waits up to its 5 s query deadline for the upstream's answer (not its default 2 s read
   * timeout, which a loaded machine stretching the 900 ms pause could reach).
   */
  @Test
  void aStalledMessageDoesNotCostTheRepliesBeforeIt() throws Exception {
    try (DatagramSocket upstream = new DatagramSocket(new InetSocketAddress(ATTACKER, 0));
        ClusterDns server = ClusterDns.builder()
            .corefile("example.org {\n forward . 127.0.0.1:" + upstream.getLocalPort()
                + " {\n  prefer_udp\n  read_timeout 5s\n }\n}\n")
            .tcpMessageTimeout(Duration.ofMillis(300)).start();
        Socket socket = connect(server, ATTACKER)) {
      upstream.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(framed(7));
      out.write(0);
      out.flush();
      DatagramPacket asked = new DatagramPacket(new byte[512], 512);
      Message query;
      int received = 0;
      do { // forward's health checks ask for the root's NS records; those go unanswered
        assertTrue(received++ < 20, "no forwarded query among 20 datagrams");
        upstream.receive(asked);
        query = new Message(Arrays.copyOf(asked.getData(), asked.getLength()));
      } while (query.getQuestion().getType() != Type.A);
      pause(Duration.ofMillis(900));
      Message answer = new Message(query.getHeader().getID());
      answer.getHeader().setFlag(Flags.QR);
      answer.addRecord(query.getQuestion(), Section.QUESTION);
      answer.addRecord(new ARecord(query.getQuestion().getName(), DClass.IN, 60,
          InetAddress.getByName("192.0.2.7")), Section.ANSWER);
      byte[] wire = answer.toWire();
      upstream.send(new DatagramPacket(wire, wire.length, asked.getSocketAddress()));
      DataInputStream in = new DataInputStream(socket.getInputStream());
      Message reply = DnsProbe.readFramed(in);
      assertEquals(7, reply.getHeader().getID());
      assertEquals(Rcode.NOERROR, reply.getRcode());
      assertEquals(1, reply.getSection(Section.ANSWER).size());
      await().atMost(Duration.ofSeconds(20)).until(() -> closedByServer(in));
    }
  }

  /**
   * Item 9: the idle timeout passing between the two bytes of a length prefix loses neither. The
   * message deadline is set far out of reach, so that a loaded machine stretching the pause
   * cannot let it close the connection instead.
   */
  @Test
  void aLengthPrefixSplitAcrossTheIdleTimeoutStaysInStep() throws Exception {
    try (ClusterDns server = ClusterDns.builder().corefile(COREFILE)
            .tcpIdleTimeout(Duration.ofMillis(200)).tcpMessageTimeout(Duration.ofSeconds(60)).start();
        Socket socket = connect(server, ATTACKER)) {
      assertEquals(1, ask(socket, 1).getHeader().getID());
      byte[] query = framed(2);
      OutputStream out = socket.getOutputStream();
      out.write(query, 0, 1);
      out.flush();
      pause(Duration.ofMillis(500));
      out.write(query, 1, query.length - 1);
      out.flush();
      Message reply = DnsProbe.readFramed(new DataInputStream(socket.getInputStream()));
      assertEquals(2, reply.getHeader().getID());
      assertEquals(Rcode.NOERROR, reply.getRcode());
      assertEquals(3, ask(socket, 3).getHeader().getID());
    }
  }
}
