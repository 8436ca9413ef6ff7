package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.testkit.DaemonProcess;
import io.clusterdns.plugin.testkit.DelayingProxy;
import io.clusterdns.plugin.testkit.LoopbackPorts;
import io.clusterdns.plugin.testkit.Nsd;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Forwarded UDP queries hold no thread of the server while they wait: a port with two UDP
 * threads in all keeps a thousand queries waiting for a slow upstream (a delaying proxy in front
 * of NSD) through the chain of a typical block (errors, prometheus, loadbalance, cache, loop,
 * forward), and each client gets its own reply.
 */
class AsyncForwardOverUdpTest {
  @TempDir static Path dir;
  private static DaemonProcess nsd;

  @BeforeAll
  static void startNsd() {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    nsd = Nsd.on(dir.resolve("nsd"), loopback, LoopbackPorts.free(loopback),
        Map.of("example.org", Nsd.zone("example.org", "www IN A 192.0.2.1", "*.fresh IN A 192.0.2.7"))).start();
  }

  @AfterAll
  static void stopNsd() {
    nsd.stop();
  }

  private static ClusterDns server(DelayingProxy proxy) throws Exception {
    return ClusterDns.builder()
        .udpWorkers(1)
        .udpThreads(2)
        .corefile(".:0 {\n errors\n prometheus 127.0.0.1:0\n loadbalance\n cache\n loop\n forward . " + proxy.to()
            + "\n}\n")
        .start();
  }

  @Test
  void aThousandQueriesWaitForASlowUpstreamAtOnceOnTwoThreadsAndEachClientGetsItsOwnReply() throws Exception {
    long seed = System.nanoTime();
    System.out.println("AsyncForwardOverUdpTest seed " + seed);
    Random random = new Random(seed);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (DelayingProxy proxy = new DelayingProxy(nsd.address(), Duration.ZERO);
        ClusterDns server = server(proxy);
        DatagramChannel client = DatagramChannel.open()) {
      client.connect(server.udpAddress());
      client.socket().setReceiveBufferSize(4 << 20);
      proxy.hold();
      int threadsBefore = threads.getThreadCount();
      Map<Integer, String> asked = new HashMap<>();
      for (int id = 0; id < 1000; id++) {
        String name = mixedCase("c-" + id + ".fresh.example.org.", random);
        Message query = DnsProbe.query(name, Type.A);
        query.getHeader().setID(id);
        asked.put(id, name);
        client.write(ByteBuffer.wrap(query.toWire()));
      }
      // Every query reaches the upstream while the ones before it wait: none was refused.
      Awaitility.await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10))
          .until(() -> proxy.heldNow() >= 1000);
      int threadsWhileWaiting = threads.getThreadCount();
      proxy.release();

      Map<Integer, Message> replies = receive(client, 1000);
      assertEquals(1000, replies.size(), "replies received");
      for (Map.Entry<Integer, Message> reply : replies.entrySet()) {
        Message message = reply.getValue();
        assertEquals(Rcode.NOERROR, message.getRcode(), message.toString());
        assertEquals(asked.get(reply.getKey()), message.getQuestion().getName().toString());
        assertEquals("192.0.2.7", message.getSection(Section.ANSWER).get(0).rdataToString());
      }
      assertTrue(threadsWhileWaiting - threadsBefore < 5,
          (threadsWhileWaiting - threadsBefore) + " more threads while 1000 queries waited");
    }
  }

  @Test
  void closingTheServerWaitsForTheRepliesStillOwed() throws Exception {
    try (DelayingProxy proxy = new DelayingProxy(nsd.address(), Duration.ofMillis(300));
        DatagramChannel client = DatagramChannel.open()) {
      ClusterDns server = server(proxy);
      client.connect(server.udpAddress());
      Message query = DnsProbe.query("last.fresh.example.org.", Type.A);
      query.getHeader().setID(77);
      client.write(ByteBuffer.wrap(query.toWire()));
      Awaitility.await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(20))
          .until(() -> proxy.received() >= 1);
      CompletableFuture<Void> closed = CompletableFuture.runAsync(server::close);

      Map<Integer, Message> replies = receive(client, 1);
      closed.get(10, TimeUnit.SECONDS);
      Message reply = replies.get(77);
      assertNotNull(reply, "no reply to the query in flight at close");
      assertEquals(Rcode.NOERROR, reply.getRcode());
    }
  }

  private static Map<Integer, Message> receive(DatagramChannel client, int count) throws Exception {
    client.socket().setSoTimeout(10_000);
    Map<Integer, Message> replies = new HashMap<>();
    byte[] buffer = new byte[65535];
    java.net.DatagramPacket packet = new java.net.DatagramPacket(buffer, buffer.length);
    while (replies.size() < count) {
      try {
        client.socket().receive(packet);
      } catch (SocketTimeoutException e) {
        break;
      }
      Message reply = new Message(Arrays.copyOf(buffer, packet.getLength()));
      replies.put(reply.getHeader().getID(), reply);
    }
    return replies;
  }

  private static String mixedCase(String name, Random random) {
    StringBuilder spelled = new StringBuilder(name.length());
    for (char c : name.toCharArray()) {
      spelled.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
    }
    return spelled.toString();
  }
}
