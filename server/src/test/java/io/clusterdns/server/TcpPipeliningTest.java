package io.clusterdns.server;

import static io.clusterdns.server.TcpClients.ATTACKER;
import static io.clusterdns.server.TcpClients.FRESH;
import static io.clusterdns.server.TcpClients.ask;
import static io.clusterdns.server.TcpClients.connect;
import static io.clusterdns.server.TcpClients.framed;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** The TCP listener against clients that pipeline past its bounds (issue 10, item 2). */
class TcpPipeliningTest {
  private static final String COREFILE = "example.org {\n whoami\n}\n";

  /**
   * Item 2: a client that pipelines 150,000 queries and reads no reply is no longer read once at
   * its bound; meanwhile another client is answered (within the 5 s socket timeout: a listener
   * held up by the first client would not answer it before the first one reads), and the first
   * one, reading at last, gets every answer.
   */
  @Test
  void aPipeliningClientThatDoesNotReadWaitsAlone() throws Exception {
    int count = 150_000;
    try (ClusterDns server = ClusterDns.builder().corefile(COREFILE).start();
        Socket greedy = new Socket()) {
      greedy.setReceiveBufferSize(4096);
      greedy.bind(new InetSocketAddress(ATTACKER, 0));
      greedy.connect(server.tcpAddress());
      greedy.setSoTimeout(10_000);
      AtomicInteger written = new AtomicInteger();
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        try {
          DataOutputStream out = new DataOutputStream(greedy.getOutputStream());
          for (int i = 0; i < count; i++) {
            out.write(framed(i & 0xFFFF));
            written.incrementAndGet();
          }
          out.flush();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      // Until the replies fill the 4 MiB the kernel buffers for the connection: the writer
      // blocks once the server stops reading it (or, with larger buffers, has written all).
      int[] seen = {-1};
      await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ofMillis(500)).pollInterval(Duration.ofMillis(500))
          .until(() -> {
            int now = written.get();
            boolean stalled = now == seen[0];
            seen[0] = now;
            return stalled || writer.isDone();
          });
      long start = System.nanoTime();
      try (Socket other = connect(server, FRESH)) {
        assertEquals(Rcode.NOERROR, ask(other, 42).getRcode());
      }
      assertEquals(Rcode.NOERROR, DnsProbe.tcp(server.tcpAddress(), DnsProbe.query("q.example.org.", Type.A)).getRcode());
      System.out.printf("pipelining client stalled after %d of %d queries; the other client waited %d ms%n",
          written.get(), count, (System.nanoTime() - start) / 1_000_000);
      DataInputStream in = new DataInputStream(greedy.getInputStream());
      BitSet ids = new BitSet();
      for (int i = 0; i < count; i++) {
        Message reply = DnsProbe.readFramed(in);
        assertEquals(Rcode.NOERROR, reply.getRcode());
        ids.set(reply.getHeader().getID());
      }
      writer.get(10, TimeUnit.SECONDS);
      assertEquals(65536, ids.cardinality());
    }
  }

  /** With both bounds tiny, connections wait for each other's queries and every one is answered. */
  @Test
  void manyConnectionsPipeliningPastBothBoundsAreAllAnswered() throws Exception {
    try (ClusterDns server = ClusterDns.builder().corefile(COREFILE)
            .maxTcpQueriesInFlight(2).maxTcpQueriesQueued(3).start()) {
      List<CompletableFuture<Integer>> clients = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        clients.add(CompletableFuture.supplyAsync(() -> {
          try (Socket socket = connect(server, ATTACKER)) {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 500; i++) {
              out.write(framed(i));
            }
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            BitSet ids = new BitSet();
            for (int i = 0; i < 500; i++) {
              ids.set(DnsProbe.readFramed(in).getHeader().getID());
            }
            return ids.cardinality();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        }));
      }
      for (CompletableFuture<Integer> client : clients) {
        assertEquals(500, client.get(20, TimeUnit.SECONDS));
      }
    }
  }
}
