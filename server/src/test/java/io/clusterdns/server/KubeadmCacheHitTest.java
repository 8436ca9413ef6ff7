package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.prometheus.PrometheusHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Cache hits under the kubeadm Corefile, where errors, health, ready, prometheus and
 * loadbalance run before cache, over real UDP: they go out as bytes (each of those plugins hands
 * the wire path on) and say what the message path says. The twin server adds log (for errors
 * only, so that it prints nothing here), which has no wire path, so its hits are rebuilt as
 * messages.
 */
class KubeadmCacheHitTest {
  private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
  private static ClusterDns wired;
  private static ClusterDns messages;

  @BeforeAll
  static void start() throws Exception {
    Path manifests = Path.of(KubeadmCacheHitTest.class.getResource("rewrite-loadbalance-cluster.yaml").toURI());
    wired = ClusterDns.builder().corefile(kubeadm(manifests, "")).start();
    messages = ClusterDns.builder().corefile(kubeadm(manifests, "  log . {\n    class error\n  }\n")).start();
  }

  /** kubeadm's Corefile (reference d.1) for a zone of its own, without forward: no upstream here. */
  private static String kubeadm(Path manifests, String more) {
    return "cluster.local:0 {\n  errors\n  health 127.0.0.1:0\n  ready 127.0.0.1:0\n"
        + "  kubernetes cluster.local {\n    manifests " + manifests + "\n  }\n"
        + "  prometheus 127.0.0.1:0\n  cache 30\n  loop\n  reload\n  loadbalance\n" + more + "}\n";
  }

  @AfterAll
  static void stop() {
    wired.close();
    messages.close();
  }

  @Test
  void aHitSaysWhatTheMessagePathSays() throws Exception {
    String[][] questions = {
        {"headless.default.svc.cluster.local.", "A"}, {"alias.default.svc.cluster.local.", "A"},
        {"web.default.svc.cluster.local.", "A"}, {"_http._tcp.headless.default.svc.cluster.local.", "SRV"},
        {"web.default.svc.cluster.local.", "AAAA"}, {"nope.default.svc.cluster.local.", "A"}};
    for (String[] question : questions) {
      for (int i = 0; i < 3; i++) {
        Message query = DnsProbe.query(question[0], question[1]);
        assertEquals(shape(DnsProbe.udp(messages.udpAddress(), query)), shape(DnsProbe.udp(wired.udpAddress(), query)),
            question[0] + " " + question[1] + ", query " + i);
      }
    }
  }

  @Test
  void theChainOfEachServerGivesAHitAsBytesOrNot() throws Exception {
    String name = "web.default.svc.cluster.local.";
    for (ClusterDns server : List.of(wired, messages)) {
      DnsProbe.udp(server.udpAddress(), DnsProbe.query(name, Type.A));
      // The server's own handlers, in its chain's order, so the path is the server's.
      List<Handler> handlers = server.handlers(Handler.class);
      BlockChain chain = new BlockChain(handlers.stream().map(h -> h.getClass().getSimpleName()).toList(), handlers);
      Request request = new Request(DnsProbe.query(name, Type.A), CLIENT, Transport.UDP, "cluster.local.", 0);

      byte[] wire = chain.runWire(request, 512);

      if (server == wired) {
        assertEquals("10.96.0.20", new Message(wire).getSection(Section.ANSWER).get(0).rdataToString());
      } else {
        assertNull(wire, "log has no wire path");
      }
    }
  }

  @Test
  void hitsAreShuffledIntoEveryOrderAndCountedOnce() throws Exception {
    String name = "headless.default.svc.cluster.local.";
    String server = "dns://127.0.0.1:" + wired.udpAddress().getPort();
    DnsProbe.udp(wired.udpAddress(), DnsProbe.query(name, Type.A));
    DnsProbe.udp(wired.udpAddress(), DnsProbe.query("_http._tcp." + name, Type.SRV));
    double[] before = counts(server);
    Map<List<String>, Integer> orders = new HashMap<>();
    int queries = 600;
    for (int i = 0; i < queries; i++) {
      Message reply = DnsProbe.udp(wired.udpAddress(), DnsProbe.query(name, Type.A));
      orders.merge(reply.getSection(Section.ANSWER).stream().map(Record::rdataToString).toList(), 1, Integer::sum);
    }
    // 3! orders, 100 expected each (sd 9): fewer than 40 is over 6 sd off a fair shuffle.
    assertEquals(6, orders.size(), orders.toString());
    orders.values().forEach(count -> assertTrue(count >= 40, orders.toString()));

    // An SRV hit with the addresses of several targets, which loadbalance reorders through a
    // message: still written by cache, counted once.
    Message srv = DnsProbe.query("_http._tcp." + name, Type.SRV);
    int srvHits = 10;
    for (int i = 0; i < srvHits; i++) {
      assertEquals(3, DnsProbe.udp(wired.udpAddress(), srv).getSection(Section.ADDITIONAL).size());
    }
    double[] after = counts(server);
    assertEquals(queries, after[0] - before[0], "A requests");
    assertEquals(queries + srvHits, after[1] - before[1], "cache hits");
    assertEquals(queries + srvHits, after[2] - before[2], "NOERROR replies written by cache");
  }

  /** The counts a hit adds to: A requests, cache hits, NOERROR replies written by cache. */
  private static double[] counts(String server) throws Exception {
    MetricsScrape scrape = MetricsScrape.of(wired.handlers(PrometheusHandler.class).get(0).address());
    return new double[] {
        scrape.value("coredns_dns_requests_total", "server", server, "proto", "udp", "type", "A"),
        // The cache names its server as configured (":0"), the server by the port it got.
        scrape.value("coredns_cache_hits_total",
            "server", "dns://:0", "type", "success", "zones", "cluster.local."),
        scrape.value("coredns_dns_responses_total", "server", server, "rcode", "NOERROR", "plugin", "cache")};
  }

  /**
   * A reply as a client compares it: header, and per section the owners and types in order
   * (addresses by type only) and the records (TTLs aside) as a set, since loadbalance orders the
   * address records of either server at random.
   */
  private static String shape(Message reply) {
    StringBuilder shape = new StringBuilder(reply.getHeader().printFlags()).append(' ')
        .append(reply.getRcode()).append('\n');
    for (int section : new int[] {Section.QUESTION, Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      List<String> types = new ArrayList<>();
      List<String> records = new ArrayList<>();
      for (Record record : reply.getSection(section)) {
        String type = record.getName() + " " + Type.string(record.getType());
        boolean address = record.getType() == Type.A || record.getType() == Type.AAAA;
        types.add(address && section != Section.QUESTION ? Type.string(record.getType()) : type);
        records.add(section == Section.QUESTION ? type : type + " " + record.rdataToString());
      }
      shape.append(section).append(": ").append(types).append(' ')
          .append(records.stream().sorted().collect(Collectors.joining(", "))).append('\n');
    }
    return shape.toString();
  }
}
