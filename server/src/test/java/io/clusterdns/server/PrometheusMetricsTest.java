package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.prometheus.PrometheusHandler;
import io.clusterdns.plugin.prometheus.PrometheusMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * CoreDNS's core metrics as a scraper sees them: real queries over UDP and TCP, then {@code
 * /metrics} over HTTP, checked for names, labels, values and bucket bounds.
 */
class PrometheusMetricsTest {
  private static final String HOSTS_BLOCK =
      "example.org {\n prometheus 127.0.0.1:0\n errors\n hosts {\n  192.0.2.7 www.example.org\n }\n}\n";

  /** CoreDNS's request duration buckets: 0.25 ms doubling, 16 of them. */
  private static final double[] DURATION_BOUNDS = {
    0.00025, 0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.024,
    2.048, 4.096, 8.192, Double.POSITIVE_INFINITY
  };

  private static final double[] SIZE_BOUNDS = {
    0, 100, 200, 300, 400, 511, 1023, 2047, 4095, 8291, 16000, 32000, 48000, 64000, Double.POSITIVE_INFINITY
  };

  @Test
  void queriesOverUdpAndTcpAreCountedWithCoreDnsNamesLabelsAndBuckets() throws Exception {
    try (ClusterDns dns = ClusterDns.builder().corefile(HOSTS_BLOCK).start()) {
      InetSocketAddress udp = dns.udpAddress();
      String server = "dns://127.0.0.1:" + udp.getPort();
      int udpReplyBytes = 0;
      int udpQueryBytes = 0;
      // The same question twice: the second is answered from the reply cache and counted too.
      for (String[] question : new String[][] {
          {"www.example.org.", "A"}, {"www.example.org.", "A"}, {"www.example.org.", "AAAA"},
          {"missing.example.org.", "A"}, {"www.example.org.", "NAPTR"}}) {
        byte[] query = DnsProbe.query(question[0], question[1]).toWire();
        udpQueryBytes += query.length;
        udpReplyBytes += DnsProbe.udp(udp, query, 5000).length;
      }
      byte[] tcpReply = DnsProbe.tcp(dns.tcpAddress(), DnsProbe.query("www.example.org.", Type.A)).toWire();
      Message outside = DnsProbe.udp(udp, DnsProbe.query("example.com.", Type.A));
      assertEquals(Rcode.REFUSED, outside.getRcode());

      MetricsScrape scrape = MetricsScrape.of(metricsAddress(dns));
      assertTrue(scrape.contentType.startsWith("text/plain"), scrape.contentType);
      String zone = "example.org.";
      assertEquals(3, scrape.value("coredns_dns_requests_total",
          "server", server, "zone", zone, "view", "", "proto", "udp", "family", "1", "type", "A"));
      assertEquals(1, scrape.value("coredns_dns_requests_total",
          "server", server, "zone", zone, "proto", "udp", "type", "AAAA"));
      assertEquals(1, scrape.value("coredns_dns_requests_total",
          "server", server, "zone", zone, "proto", "udp", "type", "other"), "NAPTR is not a monitored type");
      assertEquals(1, scrape.value("coredns_dns_requests_total",
          "server", server, "zone", zone, "proto", "tcp", "family", "1", "type", "A"));
      assertEquals(5, scrape.value("coredns_dns_responses_total",
          "server", server, "zone", zone, "view", "", "rcode", "NOERROR", "plugin", "hosts"));
      assertEquals(1, scrape.value("coredns_dns_responses_total",
          "server", server, "zone", zone, "rcode", "NXDOMAIN", "plugin", "hosts"));
      // A name in no zone of the port enters no chain: zone "dropped", no plugin.
      assertEquals(1, scrape.value("coredns_dns_requests_total",
          "server", server, "zone", "dropped", "proto", "udp", "type", "A"));
      assertEquals(1, scrape.value("coredns_dns_responses_total",
          "server", server, "zone", "dropped", "rcode", "REFUSED", "plugin", ""));

      assertEquals(6, scrape.value("coredns_dns_request_duration_seconds_count", "server", server, "zone", zone));
      assertEquals(5, scrape.value("coredns_dns_request_size_bytes_count", "server", server, "zone", zone, "proto", "udp"));
      assertEquals(udpQueryBytes, scrape.value("coredns_dns_request_size_bytes_sum", "server", server, "zone", zone, "proto", "udp"));
      assertEquals(udpReplyBytes, scrape.value("coredns_dns_response_size_bytes_sum", "server", server, "zone", zone, "proto", "udp"));
      assertEquals(tcpReply.length, scrape.value("coredns_dns_response_size_bytes_sum", "server", server, "zone", zone, "proto", "tcp"));
      assertEquals(1, scrape.value("coredns_dns_response_size_bytes_bucket",
          "server", server, "zone", zone, "proto", "tcp", "le", "100.0"), "a short reply falls in le=100");

      assertBounds(DURATION_BOUNDS, scrape, "coredns_dns_request_duration_seconds_bucket", server);
      assertBounds(SIZE_BOUNDS, scrape, "coredns_dns_request_size_bytes_bucket", server);
      assertBounds(SIZE_BOUNDS, scrape, "coredns_dns_response_size_bytes_bucket", server);

      for (String plugin : List.of("prometheus", "errors", "hosts")) {
        assertEquals(1, scrape.value("coredns_plugin_enabled", "server", server, "zone", zone, "view", "", "name", plugin));
      }
      List<MetricsScrape.Sample> build = scrape.find("coredns_build_info");
      assertEquals(1, build.size(), build.toString());
      assertEquals(Set.of("version", "revision", "goversion"), build.get(0).labels().keySet());
      assertTrue(build.get(0).label("goversion").startsWith("java"), build.toString());
      assertFalse(scrape.find("jvm_memory_used_bytes").isEmpty(), "JVM metrics are exported");
      assertFalse(scrape.find("coredns_panics_total").isEmpty());
    }
  }

  @Test
  void everySeriesHasTheLabelSetsDashboardsGroupBy() throws Exception {
    try (ClusterDns dns = ClusterDns.builder().corefile(HOSTS_BLOCK).start()) {
      DnsProbe.udp(dns.udpAddress(), DnsProbe.query("www.example.org.", Type.A));
      DnsProbe.udp(dns.udpAddress(), withDnssecOk(DnsProbe.query("www.example.org.", Type.A)));
      MetricsScrape scrape = MetricsScrape.of(metricsAddress(dns));
      // e.g. sum(rate(coredns_dns_requests_total[5m])) by (server, type), and the CoreDNS
      // dashboard's rcode, zone, proto and le groupings.
      Map<String, Set<String>> expected = Map.of(
          "coredns_dns_requests_total", Set.of("server", "zone", "view", "proto", "family", "type"),
          "coredns_dns_responses_total", Set.of("server", "zone", "view", "rcode", "plugin"),
          "coredns_dns_do_requests_total", Set.of("server", "view", "zone"),
          "coredns_dns_request_duration_seconds_bucket", Set.of("server", "zone", "view", "le"),
          "coredns_dns_request_size_bytes_bucket", Set.of("server", "zone", "view", "proto", "le"),
          "coredns_dns_response_size_bytes_bucket", Set.of("server", "zone", "view", "proto", "le"),
          "coredns_plugin_enabled", Set.of("server", "zone", "view", "name"),
          "coredns_panics_total", Set.of());
      expected.forEach((name, labels) -> {
        List<MetricsScrape.Sample> samples = scrape.find(name);
        assertFalse(samples.isEmpty(), name + " is missing");
        for (MetricsScrape.Sample sample : samples) {
          assertEquals(labels, sample.labels().keySet(), sample.toString());
        }
      });
      String server = "dns://127.0.0.1:" + dns.udpAddress().getPort();
      assertEquals(1, scrape.value("coredns_dns_do_requests_total", "server", server, "zone", "example.org.", "view", ""));
    }
  }

  @Test
  void aCachedAnswerIsCountedEachTimeAndPrometheusKeepsTheBlockCacheable() throws Exception {
    TestPlugins.Probe probe = new TestPlugins.Probe("192.0.2.1");
    try (ClusterDns dns = TestPlugins.start(probe, "example.org {\n prometheus 127.0.0.1:0\n probe\n}\n")) {
      for (int i = 0; i < 3; i++) {
        assertEquals(Rcode.NOERROR, DnsProbe.udp(dns.udpAddress(), DnsProbe.query("a.example.org.", Type.A)).getRcode());
        assertEquals(Rcode.NOERROR, DnsProbe.tcp(dns.tcpAddress(), DnsProbe.query("a.example.org.", Type.A)).getRcode());
      }
      assertEquals(2, probe.asked.size(), "one answer per transport, the rest from the reply cache");
      MetricsScrape scrape = MetricsScrape.of(metricsAddress(dns));
      String server = "dns://127.0.0.1:" + dns.udpAddress().getPort();
      assertEquals(3, scrape.value("coredns_dns_requests_total", "server", server, "proto", "udp", "type", "A"));
      assertEquals(3, scrape.value("coredns_dns_requests_total", "server", server, "proto", "tcp", "type", "A"));
      assertEquals(6, scrape.value("coredns_dns_responses_total", "server", server, "rcode", "NOERROR", "plugin", "probe"));
      assertEquals(6, scrape.value("coredns_dns_request_duration_seconds_count", "server", server));
    }
  }

  @Test
  void theReplyOfNoPluginHasAnEmptyPluginLabelAndAFailureCountsAPanic() throws Exception {
    try (ClusterDns dns =
        TestPlugins.start(TestPlugins.EXPLODING, "example.org {\n prometheus 127.0.0.1:0\n exploding\n}\n")) {
      double panicsBefore = MetricsScrape.of(metricsAddress(dns)).value("coredns_panics_total");
      assertEquals(Rcode.SERVFAIL, DnsProbe.udp(dns.udpAddress(), DnsProbe.query("boom.example.org.", Type.A)).getRcode());
      assertEquals(Rcode.SERVFAIL, DnsProbe.udp(dns.udpAddress(), DnsProbe.query("past.example.org.", Type.A)).getRcode());
      MetricsScrape scrape = MetricsScrape.of(metricsAddress(dns));
      String server = "dns://127.0.0.1:" + dns.udpAddress().getPort();
      assertEquals(2, scrape.value("coredns_dns_responses_total", "server", server, "rcode", "SERVFAIL", "plugin", ""));
      assertEquals(panicsBefore + 1, scrape.value("coredns_panics_total"));
    }
  }

  @Test
  void onlyBlocksThatUsePrometheusAreCounted() throws Exception {
    String corefile = "example.org {\n prometheus 127.0.0.1:0\n whoami\n}\n"
        + "example.net {\n whoami\n}\n";
    try (ClusterDns dns = ClusterDns.builder().corefile(corefile).start()) {
      DnsProbe.udp(dns.udpAddress(), DnsProbe.query("a.example.org.", Type.A));
      DnsProbe.udp(dns.udpAddress(), DnsProbe.query("a.example.net.", Type.A));
      MetricsScrape scrape = MetricsScrape.of(metricsAddress(dns));
      String server = "dns://127.0.0.1:" + dns.udpAddress().getPort();
      assertEquals(1, scrape.value("coredns_dns_requests_total", "server", server, "zone", "example.org."));
      assertEquals(List.of(), scrape.find("coredns_dns_requests_total", "server", server, "zone", "example.net."));
      assertEquals(List.of(), scrape.find("coredns_plugin_enabled", "server", server, "zone", "example.net."));
    }
  }

  @Test
  void anIpv6ClientCountsInFamilyTwoOnBothPaths() throws Exception {
    // Straight into the processor with an IPv6 client address: no IPv6 socket is needed, which
    // a CI container may not have.
    TestPlugins.Probe probe = new TestPlugins.Probe("192.0.2.1");
    BlockChain chain = new BlockChain(List.of("prometheus", "probe"), List.of(new FixedHandlers.PassOn(), probe));
    QueryProcessor processor = new QueryProcessor(
        new ZoneTable(Map.of(Name.fromString("example.org."), new ZoneTable.Route("example.org.", chain))),
        new InFlight());
    processor.meter(new InetSocketAddress(InetAddress.getByName("::1"), 53530));
    InetSocketAddress client = new InetSocketAddress(InetAddress.getByName("::1"), 40000);
    byte[] query = DnsProbe.query("a.example.org.", Type.A).toWire();
    processor.process(query, query.length, client, Transport.UDP, null);
    processor.process(query, query.length, client, Transport.UDP, null);
    assertTrue(processor.processCached(query, query.length, Transport.UDP, client, ByteBuffer.allocate(512)));
    assertEquals(1, probe.asked.size());
    long count = PrometheusMetrics.REQUESTS.collect().getDataPoints().stream()
        .filter(p -> p.getLabels().get("server").equals("dns://[::1]:53530"))
        .peek(p -> assertEquals("2", p.getLabels().get("family")))
        .mapToLong(p -> (long) p.getValue())
        .sum();
    assertEquals(3, count);
  }

  @Test
  void theServerLabelNamesTheBoundAddressOrNoneForEveryAddress() throws Exception {
    assertEquals("dns://:53", PortMetrics.serverLabel(new InetSocketAddress(53)));
    assertEquals("dns://:1053", PortMetrics.serverLabel(new InetSocketAddress(InetAddress.getByName("::"), 1053)));
    assertEquals("dns://127.0.0.1:5353", PortMetrics.serverLabel(new InetSocketAddress("127.0.0.1", 5353)));
    assertEquals("dns://[fd00::a]:53", PortMetrics.serverLabel(new InetSocketAddress(InetAddress.getByName("fd00:0:0::a"), 53)));
  }

  @Test
  void blocksAndServersNamingOneAddressShareOneListenerUntilTheLastCloses() throws Exception {
    int port = FreePorts.udpAndTcp();
    String corefile = "example.org {\n prometheus 127.0.0.1:" + port + "\n whoami\n}\n"
        + "example.net {\n prometheus 127.0.0.1:" + port + "\n whoami\n}\n";
    InetSocketAddress metrics = new InetSocketAddress("127.0.0.1", port);
    ClusterDns first = ClusterDns.builder().corefile(corefile).start();
    // A reload starts the new configuration before it closes the old one: the address is handed over.
    try (ClusterDns second = ClusterDns.builder().corefile(corefile).start()) {
      first.close();
      DnsProbe.udp(second.udpAddress(), DnsProbe.query("a.example.net.", Type.A));
      MetricsScrape scrape = MetricsScrape.of(metrics);
      assertEquals(1, scrape.value("coredns_dns_requests_total",
          "server", "dns://127.0.0.1:" + second.udpAddress().getPort(), "zone", "example.net."));
    }
    org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> MetricsScrape.of(metrics));
  }

  private static void assertBounds(double[] bounds, MetricsScrape scrape, String name, String server) {
    Set<Double> seen = scrape.find(name, "server", server, "zone", "example.org.").stream()
        .map(s -> Double.parseDouble(s.label("le").replace("+Inf", "Infinity")))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Arrays.stream(bounds).boxed().collect(Collectors.toCollection(TreeSet::new)), seen, name);
  }

  private static InetSocketAddress metricsAddress(ClusterDns dns) {
    return dns.handlers(PrometheusHandler.class).get(0).address();
  }

  private static Message withDnssecOk(Message query) {
    query.addRecord(new OPTRecord(1232, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
    return query;
  }
}
