package io.clusterdns.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.Directive;
import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.ReloadResult;
import io.clusterdns.plugin.ReloadResult.Outcome;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.SetupContext;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * What a reload does with plugins and ports: the old plugins close only after the queries in
 * them are answered, the new ones start before the swap, ports come and go while the ports that
 * stay keep their listeners, a configuration that cannot start or bind is not applied, and the
 * reload plugin does all this on its own schedule with CoreDNS's metrics.
 */
class ReloadLifecycleTest {
  @TempDir Path dir;

  /**
   * {@code gate NAME}: holds queries for {@code held.*} until the test opens it; records, in one
   * list shared by all instances, when each instance starts and closes.
   */
  private static final class GateSetup implements PluginSetup {
    final List<String> events = new CopyOnWriteArrayList<>();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch open = new CountDownLatch(1);

    @Override
    public String name() {
      return "gate";
    }

    @Override
    public Handler setup(Directive directive, SetupContext context) {
      String name = directive.args().get(0).text();
      return new Gate(name);
    }

    private final class Gate implements Handler, Lifecycle {
      private final String name;

      Gate(String name) {
        this.name = name;
      }

      @Override
      public Message serve(Request request, Chain next) throws Exception {
        if (request.qname().getLabelString(0).equals("held")) {
          entered.countDown();
          assertTrue(open.await(10, TimeUnit.SECONDS));
          events.add(name + " answered held");
        }
        return next.next(request);
      }

      @Override
      public void start() throws Exception {
        if (name.equals("broken")) {
          throw new IllegalStateException("cannot start " + name);
        }
        events.add(name + " started");
      }

      @Override
      public void close() {
        events.add(name + " closed");
      }
    }
  }

  private ClusterDns start(GateSetup gate, Path corefile) throws Exception {
    return ClusterDns.builder().plugins(PluginRegistry.withExtra(Map.of(gate, "whoami")))
        .corefile(corefile).start();
  }

  @Test
  void oldPluginsCloseOnlyOnceTheirQueriesAreAnsweredWhileNewQueriesTakeTheNewOnes() throws Exception {
    GateSetup gate = new GateSetup();
    Path file = dir.resolve("Corefile");
    Files.writeString(file, "example.org {\n gate one\n whoami\n}\n");
    try (ClusterDns dns = start(gate, file)) {
      CompletableFuture<Message> held = CompletableFuture.supplyAsync(() -> {
        try {
          return DnsProbe.tcp(dns.tcpAddress(), DnsProbe.query("held.example.org.", Type.A));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      assertTrue(gate.entered.await(5, TimeUnit.SECONDS));

      Files.writeString(file, "example.org {\n gate two\n whoami\n}\n");
      CompletableFuture<ReloadResult> reload = CompletableFuture.supplyAsync(dns::reload);
      // The new configuration answers while the old one still holds its query.
      await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(20))
          .until(() -> gate.events.contains("two started"));
      await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(20)).until(() ->
          DnsProbe.udp(dns.udpAddress(), DnsProbe.query("free.example.org.", Type.A)).getRcode() == Rcode.NOERROR);
      assertFalse(reload.isDone());
      assertFalse(gate.events.contains("one closed"));

      gate.open.countDown();

      assertEquals(Rcode.NOERROR, held.get(5, TimeUnit.SECONDS).getRcode());
      assertEquals(Outcome.RELOADED, reload.get(5, TimeUnit.SECONDS).outcome());
      assertEquals(List.of("one started", "two started", "one answered held", "one closed"), gate.events);
    }
    assertEquals("two closed", gate.events.get(gate.events.size() - 1));
  }

  @Test
  void portsThatStayKeepTheirListenersNewOnesAreBoundAndGoneOnesClosed() throws Exception {
    int first = FreePorts.udpAndTcp();
    int second = FreePorts.udpAndTcp();
    Path file = dir.resolve("Corefile");
    Files.writeString(file, "example.org:" + first + " {\n whoami\n}\n");
    try (ClusterDns dns = ClusterDns.builder().corefile(file).start();
        Socket kept = new Socket(InetAddress.getLoopbackAddress(), first)) {
      ListenerAddress before = dns.listeners().get(0);

      Files.writeString(file, "example.org:" + first + " {\n whoami\n}\nexample.net:" + second + " {\n whoami\n}\n");
      assertEquals(Outcome.RELOADED, dns.reload().outcome());
      assertEquals(before, dns.listeners().get(0));
      assertEquals(second, dns.listeners().get(1).udp().getPort());
      assertEquals(Rcode.NOERROR, DnsProbe.tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), second),
          DnsProbe.query("www.example.net.", Type.A)).getRcode());
      // The connection opened before the reload is still served.
      kept.setSoTimeout(5000);
      byte[] wire = DnsProbe.query("www.example.org.", Type.A).toWire();
      java.io.DataOutputStream out = new java.io.DataOutputStream(kept.getOutputStream());
      out.writeShort(wire.length);
      out.write(wire);
      out.flush();
      assertEquals(Rcode.NOERROR, DnsProbe.readFramed(new java.io.DataInputStream(kept.getInputStream())).getRcode());

      Files.writeString(file, "example.net:" + second + " {\n whoami\n}\n");
      assertEquals(Outcome.RELOADED, dns.reload().outcome());
      assertEquals(1, dns.listeners().size());
      assertEquals(second, dns.udpAddress().getPort());
      assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), first).close());
      try (DatagramSocket rebound = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), first))) {
        assertEquals(first, rebound.getLocalPort());
      }
    }
  }

  @Test
  void aConfigurationThatCannotStartOrBindIsNotAppliedAndItsPluginsAreClosed() throws Exception {
    GateSetup gate = new GateSetup();
    Path file = dir.resolve("Corefile");
    Files.writeString(file, "example.org {\n gate one\n whoami\n}\n");
    int taken = FreePorts.udpAndTcp();
    try (ClusterDns dns = start(gate, file);
        DatagramSocket occupier = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), taken))) {
      Files.writeString(file, "example.org {\n gate broken\n whoami\n}\n");
      ReloadResult notStarted = dns.reload();
      assertEquals(Outcome.FAILED, notStarted.outcome());
      assertTrue(notStarted.problems().get(0).contains("cannot start broken"), notStarted.problems().toString());

      Files.writeString(file, "example.org {\n gate two\n whoami\n}\nexample.net:" + taken + " {\n whoami\n}\n");
      ReloadResult notBound = dns.reload();
      assertEquals(Outcome.FAILED, notBound.outcome());
      assertTrue(notBound.problems().get(0).startsWith("binding a new port failed"), notBound.problems().toString());

      assertEquals(List.of("one started", "broken closed", "two started", "two closed"), gate.events);
      assertEquals(Rcode.NOERROR, DnsProbe.udp(dns.udpAddress(), DnsProbe.query("www.example.org.", Type.A)).getRcode());
      assertEquals(1, dns.listeners().size());
    }
  }

  @Test
  void theReloadPluginChecksOnItsScheduleAndReportsCoreDnsMetrics() throws Exception {
    Path file = dir.resolve("Corefile");
    Files.writeString(file, "example.org {\n reload 2s 1s\n hosts {\n  192.0.2.1 a.example.org\n }\n}\n");
    try (ClusterDns dns = ClusterDns.builder().corefile(file).start()) {
      String first = runningVersion();
      assertEquals(128, first.length());
      double failed = failedTotal();

      Files.writeString(file, "example.org {\n reload 2s 1s\n hosts {\n  192.0.2.2 a.example.org\n }\n}\n");
      await().pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(10))
          .until(() -> ReloadTest.address(dns, "a.example.org.").equals("192.0.2.2"));
      await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(20)).until(() -> !runningVersion().equals(first));
      String second = runningVersion();

      Files.writeString(file, "example.org {\n reload 2s 1s\n hosts {\n  192.0.2.3 a.example.org\n  ttl -1\n }\n}\n");
      await().pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(10)).until(() -> failedTotal() == failed + 1);
      assertEquals(second, runningVersion());
      assertEquals("192.0.2.2", ReloadTest.address(dns, "a.example.org."));
    }
  }

  private static MetricSnapshot metric(String name) {
    return PrometheusRegistry.defaultRegistry.scrape().stream()
        .filter(s -> s.getMetadata().getPrometheusName().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no metric " + name));
  }

  private static double failedTotal() {
    return ((CounterSnapshot) metric("coredns_reload_failed")).getDataPoints().get(0).getValue();
  }

  /** The {@code value} label of the one coredns_reload_version_info series, whose hash is sha512. */
  private static String runningVersion() {
    List<GaugeSnapshot.GaugeDataPointSnapshot> points =
        ((GaugeSnapshot) metric("coredns_reload_version_info")).getDataPoints();
    assertEquals(1, points.size());
    assertEquals("sha512", points.get(0).getLabels().get("hash"));
    assertEquals(1, points.get(0).getValue());
    return points.get(0).getLabels().get("value");
  }
}
