package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * autopath with the cache in front of it, over UDP from several loopback addresses, each a
 * client of the cluster in {@code autopath-cluster.yaml}. The same query bytes get the completed
 * answer only from the Pod whose namespace the name starts the search path of, whichever client
 * asked first, and no cache hands one namespace's answer to another client (coredns#1139).
 */
class AutopathOverUdpTest {
  private static final String ALPHA = "127.0.0.2";
  private static final String BETA = "127.0.0.3";
  private static final String SHARED_ADDRESS = "127.0.0.5";
  private static final String HOST_NETWORK = "127.0.0.6";
  private static final String FINISHED = "127.0.0.7";
  private static final String NO_POD = "127.0.0.8";
  /** A zone no other test uses, so that the cache metrics of this block are its own. */
  private static final String ZONE = "autopath.test.";
  private static ClusterDns server;

  @BeforeAll
  static void start() throws Exception {
    Path manifests = Path.of(AutopathOverUdpTest.class.getResource("autopath-cluster.yaml").toURI());
    server = ClusterDns.builder()
        .corefile(ZONE + ":0 {\n"
            + "  cache 30\n"
            + "  autopath @kubernetes\n"
            + "  kubernetes " + ZONE + " {\n    manifests " + manifests + "\n    pods verified\n  }\n"
            + "}\n")
        .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The reply to {@code name} A sent from {@code client}, as "RCODE record; record". */
  private static String ask(String client, String name) throws IOException {
    byte[] query = DnsProbe.query(name, Type.A).toWire();
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(client, 0))) {
      socket.setSoTimeout(5000);
      socket.send(new DatagramPacket(query, query.length, server.udpAddress()));
      byte[] buffer = new byte[65535];
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      socket.receive(packet);
      Message reply = new Message(java.util.Arrays.copyOf(buffer, packet.getLength()));
      List<String> parts = new ArrayList<>();
      for (Record record : reply.getSection(org.xbill.DNS.Section.ANSWER)) {
        parts.add(Type.string(record.getType()) + " " + record.rdataToString());
      }
      return Rcode.string(reply.getRcode()) + (parts.isEmpty() ? "" : " " + String.join("; ", parts));
    }
  }

  @Test
  void theCompletedAnswerGoesOnlyToThePodOfTheNamespaceWhoeverAskedFirst() throws Exception {
    String name = "api.beta.alpha.svc." + ZONE;
    String completed = "NOERROR CNAME api.beta.svc." + ZONE + "; A 10.96.0.2";
    double hitsBefore = successHits();

    assertEquals("NXDOMAIN", ask(BETA, name), "beta's first domain is beta.svc: no completion");
    assertEquals(completed, ask(ALPHA, name), "not the NXDOMAIN the cache holds for beta");
    assertEquals(completed, ask(ALPHA, name));
    assertEquals(hitsBefore + 1, successHits(), "alpha's second answer came from the cache");
    assertEquals("NXDOMAIN", ask(BETA, name), "not the answer the cache holds for alpha");
    assertEquals("NXDOMAIN", ask(NO_POD, name), "not the answer the cache holds for alpha");
  }

  @Test
  void clientsWhoseNamespaceIsNotCertainGetNoCompletion() throws Exception {
    String name = "db.beta.alpha.svc." + ZONE;

    assertEquals("NXDOMAIN", ask(SHARED_ADDRESS, name), "an address two Pods hold");
    assertEquals("NXDOMAIN", ask(HOST_NETWORK, name), "a Pod in the host's network");
    assertEquals("NXDOMAIN", ask(FINISHED, name), "a Pod that has finished");
    assertEquals("NOERROR CNAME db.beta.svc." + ZONE + "; A 10.96.0.3", ask(ALPHA, name));
  }

  private static double successHits() {
    for (MetricSnapshot metric : PrometheusRegistry.defaultRegistry.scrape()) {
      if (metric.getMetadata().getPrometheusName().equals("coredns_cache_hits")) {
        for (CounterSnapshot.CounterDataPointSnapshot point : ((CounterSnapshot) metric).getDataPoints()) {
          if (ZONE.equals(point.getLabels().get("zones")) && "success".equals(point.getLabels().get("type"))) {
            return point.getValue();
          }
        }
      }
    }
    return 0;
  }
}
