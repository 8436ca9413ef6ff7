package io.clusterdns.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The loop plugin in a running server: a forwarder pointed back at the server itself is a fatal
 * loop, reported with CoreDNS's message; one pointed at another server is not.
 */
class LoopDetectionTest {
  private static final String LOOP_MESSAGE =
      "plugin/loop: Loop \\(127\\.0\\.0\\.1:[0-9]+ -> 127\\.0\\.0\\.1:%d\\) detected for zone \"example\\.org\\.\","
          + " see https://coredns\\.io/plugins/loop#troubleshooting\\. Query: \"HINFO [0-9]+\\.[0-9]+\\.example\\.org\\.\"";

  @Test
  void aForwarderThatSendsQueriesBackToTheServerIsAFatalLoop() throws Exception {
    int port = FreePorts.udpAndTcp();
    UpstreamSetup upstream = UpstreamSetup.overTcp();
    upstream.sendTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    CompletableFuture<String> fatal = new CompletableFuture<>();
    try (StderrCapture log = new StderrCapture();
        ClusterDns dns = ClusterDns.builder().plugins(upstream.registry())
            .corefile("example.org:" + port + " {\n loop\n upstream\n}\n").onFatal(fatal::complete).start()) {
      String message = fatal.get(10, TimeUnit.SECONDS);

      assertTrue(message.matches(String.format(LOOP_MESSAGE, port)), message);
      assertTrue(log.text().contains("[ERROR] " + message), log.text());
      // The probe went out twice and came back twice; the third sighting stopped it.
      assertEquals(2, upstream.probesSent());
    }
  }

  @Test
  void aLoopOverUdpThroughASingleBusyWorkerIsStillFound() throws Exception {
    // The second hop queues behind the first on the one UDP worker, and is read only after the
    // first one's upstream timed out and the probe got its (SERVFAIL) reply.
    int port = FreePorts.udpAndTcp();
    UpstreamSetup upstream = UpstreamSetup.overUdp();
    upstream.sendTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    CompletableFuture<String> fatal = new CompletableFuture<>();
    try (ClusterDns dns = ClusterDns.builder().plugins(upstream.registry()).udpWorkers(1)
        .corefile("example.org:" + port + " {\n loop\n upstream\n}\n").onFatal(fatal::complete).start()) {
      String message = fatal.get(10, TimeUnit.SECONDS);
      assertTrue(message.matches(String.format(LOOP_MESSAGE, port)), message);
    }
  }

  @Test
  void anEmbeddedServerWithALoopClosesItself() throws Exception {
    int port = FreePorts.udpAndTcp();
    UpstreamSetup upstream = UpstreamSetup.overTcp();
    upstream.sendTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    try (ClusterDns dns = ClusterDns.builder().plugins(upstream.registry())
        .corefile("example.org:" + port + " {\n loop\n upstream\n}\n").start()) {
      await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10)).until(() -> {
        try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
          return false;
        } catch (ConnectException closed) {
          return true;
        }
      });
      assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
    }
  }

  @Test
  void aForwarderToAnotherServerIsNoLoop() throws Exception {
    int port = FreePorts.udpAndTcp();
    UpstreamSetup upstream = UpstreamSetup.overTcp();
    CompletableFuture<String> fatal = new CompletableFuture<>();
    try (ClusterDns other = ClusterDns.builder().corefile("example.org {\n whoami\n}\n").start()) {
      upstream.sendTo(other.tcpAddress());
      try (ClusterDns dns = ClusterDns.builder().plugins(upstream.registry())
          .corefile("example.org:" + port + " {\n loop\n upstream\n}\n").onFatal(fatal::complete).start()) {
        await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10)).until(() -> upstream.probesSent() == 1);
        // Queries for the probe's zone, HINFO included, keep flowing through loop to upstream.
        for (int i = 0; i < 5; i++) {
          assertEquals(Rcode.NOERROR,
              DnsProbe.udp(dns.udpAddress(), DnsProbe.query("www.example.org.", Type.HINFO)).getRcode());
        }
        await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(20)).until(() -> true);
        assertFalse(fatal.isDone(), () -> fatal.join());
        assertEquals(1, upstream.probesSent());
      }
    }
  }
}
