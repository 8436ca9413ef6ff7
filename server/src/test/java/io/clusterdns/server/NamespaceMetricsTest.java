package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.plugin.prometheus.PrometheusHandler;
import io.clusterdns.plugin.prometheus.PrometheusMetrics;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** Beyond CoreDNS: queries and NXDOMAIN replies by the namespace a name is under, capped. */
class NamespaceMetricsTest {
  private static final String COREFILE = "cluster.local {\n prometheus 127.0.0.1:0\n hosts {\n"
      + "  10.96.0.5 web.default.svc.cluster.local\n }\n}\n";

  @Test
  void countsQueriesAndSearchPathMissesByNamespace() throws Exception {
    try (ClusterDns dns = ClusterDns.builder().corefile(COREFILE).start()) {
      InetSocketAddress udp = dns.udpAddress();
      assertEquals(Rcode.NOERROR, DnsProbe.udp(udp, DnsProbe.query("web.default.svc.cluster.local.", Type.A)).getRcode());
      // What a pod in namespace shop asks first for "google.com" with ndots:5; twice, the second
      // answered from the reply cache.
      for (int i = 0; i < 2; i++) {
        assertEquals(Rcode.NXDOMAIN,
            DnsProbe.udp(udp, DnsProbe.query("google.com.Shop.svc.cluster.local.", Type.A)).getRcode());
      }
      DnsProbe.udp(udp, DnsProbe.query("google.com.svc.cluster.local.", Type.AAAA));
      DnsProbe.udp(udp, DnsProbe.query("svc.cluster.local.", Type.A));
      DnsProbe.udp(udp, DnsProbe.query("default.svc.cluster.local.", Type.A));

      MetricsScrape scrape = MetricsScrape.of(dns.handlers(PrometheusHandler.class).get(0).address());
      String server = "dns://127.0.0.1:" + udp.getPort();
      String zone = "cluster.local.";
      assertEquals(1, scrape.value("clusterdns_client_namespace_queries_total", "server", server, "zone", zone, "namespace", "default"));
      assertEquals(0, scrape.value("clusterdns_client_namespace_nxdomain_total", "server", server, "zone", zone, "namespace", "default"));
      assertEquals(2, scrape.value("clusterdns_client_namespace_queries_total", "server", server, "zone", zone, "namespace", "shop"));
      assertEquals(2, scrape.value("clusterdns_client_namespace_nxdomain_total", "server", server, "zone", zone, "namespace", "shop"));
      // google.com.svc.cluster.local. reads as Service "google" of namespace "com" (the
      // heuristic's known confusion); names with fewer than two labels before svc name none.
      assertEquals(List.of("com", "default", "shop"), scrape.find("clusterdns_client_namespace_queries_total", "server", server)
          .stream().map(s -> s.label("namespace")).sorted().toList());
    }
  }

  @Test
  void atMostMaxNamespacesGetSeriesTheRestCountAsOther() throws Exception {
    try (ClusterDns dns = ClusterDns.builder().corefile(COREFILE).start()) {
      int extra = 3;
      for (int i = 0; i < PrometheusMetrics.MAX_NAMESPACES + extra; i++) {
        DnsProbe.udp(dns.udpAddress(), DnsProbe.query("x.ns-" + i + ".svc.cluster.local.", Type.A));
      }
      MetricsScrape scrape = MetricsScrape.of(dns.handlers(PrometheusHandler.class).get(0).address());
      String server = "dns://127.0.0.1:" + dns.udpAddress().getPort();
      List<MetricsScrape.Sample> series = scrape.find("clusterdns_client_namespace_queries_total", "server", server);
      assertEquals(PrometheusMetrics.MAX_NAMESPACES + 1, series.size());
      assertEquals(extra, scrape.value("clusterdns_client_namespace_queries_total", "server", server, "namespace", "other"));
      assertEquals(extra, scrape.value("clusterdns_client_namespace_nxdomain_total", "server", server, "namespace", "other"));
    }
  }
}
