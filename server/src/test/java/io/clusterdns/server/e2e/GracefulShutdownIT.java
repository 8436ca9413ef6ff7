package io.clusterdns.server.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.testkit.HttpProbe;
import io.clusterdns.server.FreePorts;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * SIGTERM to the jar as the kubelet sends it: /ready turns 503 at once, DNS is answered through
 * the 5 s lameduck, and a client that stops sending shortly after /ready said 503 (as a load
 * balancer would take the pod out) loses no query; the process then exits 0.
 *
 * <p>The lameduck is long, and the client waits long for each answer, so that a loaded machine
 * (seconds between SIGTERM and the client's last query, an answer taking over a second) does not
 * pass for a lost query; a query the server drops is still lost, whatever the wait.
 */
class GracefulShutdownIT {
  private static final Duration LAMEDUCK = Duration.ofSeconds(5);
  /** How long after /ready turned 503 the client keeps sending, as a load balancer's delay. */
  private static final Duration DRAIN = Duration.ofMillis(500);
  /** How long the client waits for an answer before it counts the query lost. */
  private static final Duration ANSWER_WAIT = Duration.ofSeconds(5);

  @TempDir Path dir;

  @Test
  void sigtermDrainsWithoutLosingAQueryAndExitsZero() throws Exception {
    InetSocketAddress ready = new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePorts.udpAndTcp());
    InetSocketAddress health = new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePorts.udpAndTcp());
    Path corefile = Files.writeString(dir.resolve("Corefile"), String.join("\n",
        "example.org {",
        "  health 127.0.0.1:" + health.getPort() + " {",
        "    lameduck " + LAMEDUCK.toSeconds() + "s",
        "  }",
        "  ready 127.0.0.1:" + ready.getPort(),
        "  hosts {",
        "    192.0.2.40 www.example.org",
        "  }",
        "}", ""));
    try (JarProcess server = JarProcess.start(dir, "www.example.org.", "-conf", corefile.toString())) {
      assertEquals("200 OK", HttpProbe.get(ready, "/ready").toString());
      Client client = new Client(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port));
      Thread sender = new Thread(client::run, "dns-client");
      sender.start();
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> client.answered.get() >= 50);

      long terminated = System.nanoTime();
      server.terminate();
      await().atMost(LAMEDUCK).pollInterval(Duration.ofMillis(5))
          .until(() -> "503 Shutting down".equals(String.valueOf(HttpProbe.getOrNull(ready, "/ready"))));
      int answeredAtNotReady = client.answered.get();
      assertEquals("200 OK", HttpProbe.get(health, "/health").toString());
      await().pollDelay(DRAIN).atMost(DRAIN.plus(LAMEDUCK)).until(() -> true);
      client.stop.set(true);
      long stoppedMillis = (System.nanoTime() - terminated) / 1_000_000;
      // The premise of what follows: the client stopped while the server was still in its
      // lameduck (queries sent after it may be lost, as they would be by a load balancer too slow).
      assertNull(server.exitStatus(Duration.ZERO), "the client stopped " + stoppedMillis
          + " ms after SIGTERM, after the server exited");
      sender.join(ANSWER_WAIT.plusSeconds(5).toMillis());

      Integer status = server.exitStatus(Duration.ofSeconds(15));
      long tookMillis = (System.nanoTime() - terminated) / 1_000_000;
      String output = server.output();
      System.out.printf("sent %d, answered %d (%d after /ready said 503), lost %d; client stopped %d ms and"
              + " exit %s %d ms after SIGTERM%n",
          client.sent.get(), client.answered.get(), client.answered.get() - answeredAtNotReady, client.lost.get(),
          stoppedMillis, status, tookMillis);
      assertEquals(0, client.lost.get(), "queries lost: " + client.lost + " of " + client.sent + "\n" + output);
      // Still answering after /ready said 503: the lameduck, not a closed listener.
      assertTrue(client.answered.get() > answeredAtNotReady,
          "answers during lameduck: " + (client.answered.get() - answeredAtNotReady));
      assertEquals(Integer.valueOf(0), status, output);
      assertTrue(tookMillis >= LAMEDUCK.toMillis(), "exited " + tookMillis + " ms after SIGTERM");
      assertTrue(client.failure.get() == null, String.valueOf(client.failure.get()));
    }
  }

  /** Sends one query at a time and waits for its answer; a query with no answer is lost. */
  private static final class Client {
    private final InetSocketAddress server;
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger answered = new AtomicInteger();
    final AtomicInteger lost = new AtomicInteger();
    final java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();

    Client(InetSocketAddress server) {
      this.server = server;
    }

    void run() {
      try (DatagramSocket socket = new DatagramSocket()) {
        socket.setSoTimeout((int) ANSWER_WAIT.toMillis());
        byte[] buffer = new byte[512];
        while (!stop.get()) {
          Message query = Message.newQuery(
              Record.newRecord(Name.fromString("www.example.org."), Type.A, DClass.IN));
          byte[] wire = query.toWire();
          socket.send(new DatagramPacket(wire, wire.length, server));
          sent.incrementAndGet();
          if (awaitReply(socket, buffer, query.getHeader().getID())) {
            answered.incrementAndGet();
          } else {
            lost.incrementAndGet();
          }
        }
      } catch (IOException e) {
        failure.set(e);
      }
    }

    private static boolean awaitReply(DatagramSocket socket, byte[] buffer, int id) throws IOException {
      while (true) {
        DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(reply);
        } catch (SocketTimeoutException e) {
          return false;
        }
        if (reply.getLength() >= 2 && ((buffer[0] & 0xff) << 8 | (buffer[1] & 0xff)) == id) {
          return true;
        }
      }
    }
  }
}
