package io.clusterdns.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.testkit.HttpProbe;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** The shutdown sequence in-process: not ready, lameduck while answering, then stop. */
class GracefulShutdownTest {
  /**
   * Long enough for every check made during it to fall inside it on a loaded machine (at 1.5 s,
   * /ready turning 503 plus three probes took longer there, and met a closed listener).
   */
  private static final Duration LAMEDUCK = Duration.ofSeconds(4);

  @Test
  void turnsNotReadyThenAnswersThroughLameduckThenStops() throws Exception {
    InetSocketAddress health = new InetSocketAddress(InetAddress.getLoopbackAddress(), HttpProbe.freePort());
    InetSocketAddress ready = new InetSocketAddress(InetAddress.getLoopbackAddress(), HttpProbe.freePort());
    String corefile = String.join("\n",
        "example.org {",
        "  health 127.0.0.1:" + health.getPort() + " {",
        "    lameduck " + LAMEDUCK.toSeconds() + "s",
        "  }",
        "  ready 127.0.0.1:" + ready.getPort(),
        "  hosts {",
        "    192.0.2.7 www.example.org",
        "  }",
        "}", "");
    ClusterDns dns = ClusterDns.builder().corefile(corefile).start();
    InetSocketAddress udp = dns.udpAddress();
    assertEquals("200 OK", HttpProbe.get(ready, "/ready").toString());
    assertEquals("200 OK", HttpProbe.get(health, "/health").toString());
    assertTrue(dns.isReady());

    long start = System.nanoTime();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(dns::close);
    await().atMost(LAMEDUCK).pollInterval(Duration.ofMillis(5))
        .until(() -> "503 Shutting down".equals(String.valueOf(HttpProbe.getOrNull(ready, "/ready"))));
    assertFalse(dns.isReady());
    // Lameduck: liveness stays OK and DNS is still answered, over UDP and TCP.
    assertEquals("200 OK", HttpProbe.get(health, "/health").toString());
    assertEquals(Rcode.NOERROR, DnsProbe.udp(udp, DnsProbe.query("www.example.org.", Type.A)).getRcode());
    assertEquals(Rcode.NOERROR, DnsProbe.tcp(dns.tcpAddress(), DnsProbe.query("www.example.org.", Type.A)).getRcode());
    assertFalse(closing.isDone(), "close returned before the lameduck ended");

    closing.get();
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(tookMillis >= LAMEDUCK.toMillis(), "close took " + tookMillis + " ms");
    assertNull(DnsProbe.udp(udp, DnsProbe.query("www.example.org.", Type.A).toWire(), 200));
    assertNull(HttpProbe.getOrNull(ready, "/ready"));
    assertNull(HttpProbe.getOrNull(health, "/health"));
    dns.close();
  }

  @Test
  void withoutHealthCloseDoesNotWait() throws Exception {
    ClusterDns dns = ClusterDns.builder().corefile("example.org {\n  whoami\n}\n").start();
    long start = System.nanoTime();
    dns.shutdown();
    assertTrue((System.nanoTime() - start) / 1_000_000 < 500);
    assertFalse(dns.isReady());
  }
}
