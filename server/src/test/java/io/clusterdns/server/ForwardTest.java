package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Replies;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The forward plugin inside the server, with another ClusterDns as its upstream: ExternalName
 * targets outside the cluster zone, TCP clients, EDNS0 and Extended DNS Errors on the wire.
 */
class ForwardTest {
  private static final String MANIFESTS = """
      apiVersion: v1
      kind: Service
      metadata:
        name: my-database
        namespace: default
      spec:
        type: ExternalName
        externalName: db.example.com
      """;

  @TempDir static Path dir;
  private static ClusterDns upstream;
  private static ClusterDns cluster;

  @BeforeAll
  static void start() throws Exception {
    upstream = ClusterDns.builder()
        .corefile("example.com {\n hosts {\n  203.0.113.7 db.example.com\n  ttl 120\n }\n}\n")
        .start();
    Files.writeString(dir.resolve("cluster.yaml"), MANIFESTS);
    InetSocketAddress to = upstream.udpAddress();
    cluster = ClusterDns.builder().corefile(".:0 {\n"
        + " kubernetes cluster.local {\n  manifests " + dir.resolve("cluster.yaml") + "\n }\n"
        + " forward . " + to.getAddress().getHostAddress() + ":" + to.getPort() + "\n"
        + "}\n").start();
    Awaitility.await().pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(10)).until(cluster::isReady);
  }

  @AfterAll
  static void stop() {
    cluster.close();
    upstream.close();
  }

  @Test
  void externalNameOutsideTheClusterZoneAnswersCnameAndTheUpstreamsAddress() throws Exception {
    Message reply = DnsProbe.udp(cluster.udpAddress(), DnsProbe.query("my-database.default.svc.cluster.local.", Type.A));

    assertEquals(Rcode.NOERROR, reply.getRcode());
    List<String> answers = reply.getSection(Section.ANSWER).stream()
        .map(r -> r.getName() + " " + Type.string(r.getType()) + " " + r.rdataToString()).toList();
    assertEquals(List.of(
        "my-database.default.svc.cluster.local. CNAME db.example.com.",
        "db.example.com. A 203.0.113.7"), answers);
  }

  @Test
  void namesOutsideTheClusterAreForwardedOverUdpAndTcpWithTheClientsSpelling() throws Exception {
    Message query = DnsProbe.query("DB.Example.COM.", Type.A);
    query.getHeader().setID(31337);

    for (Message reply : new Message[] {DnsProbe.udp(cluster.udpAddress(), query), DnsProbe.tcp(cluster.tcpAddress(), query)}) {
      assertEquals(Rcode.NOERROR, reply.getRcode());
      assertEquals(31337, reply.getHeader().getID());
      assertEquals("DB.Example.COM.", reply.getQuestion().getName().toString());
      assertEquals("203.0.113.7", reply.getSection(Section.ANSWER).get(0).rdataToString());
      assertEquals(120, reply.getSection(Section.ANSWER).get(0).getTTL());
    }
  }

  @Test
  void ednsQueryIsAnsweredThroughAnUpstreamReplyThatCarriesOpt() throws Exception {
    Message query = DnsProbe.query("db.example.com.", Type.A);
    query.addRecord(new OPTRecord(1232, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);

    Message reply = DnsProbe.udp(cluster.udpAddress(), query);

    assertEquals(Rcode.NOERROR, reply.getRcode());
    assertTrue((reply.getOPT().getFlags() & ExtendedFlags.DO) != 0);
  }

  @Test
  void secondForwardInTheBlockTakesWhatTheFirstHandsOnWithNext() throws Exception {
    try (ClusterDns empty = ClusterDns.builder().corefile("example.com {\n hosts {\n  192.0.2.1 other.example.com\n }\n}\n").start()) {
      String first = "127.0.0.1:" + empty.udpAddress().getPort();
      String second = "127.0.0.1:" + upstream.udpAddress().getPort();
      try (ClusterDns server = ClusterDns.builder().corefile(".:0 {\n"
          + " forward . " + first + " {\n  next NXDOMAIN\n }\n"
          + " forward . " + second + "\n}\n").start()) {
        Message reply = DnsProbe.udp(server.udpAddress(), DnsProbe.query("db.example.com.", Type.A));
        Message direct = DnsProbe.udp(server.udpAddress(), DnsProbe.query("other.example.com.", Type.A));

        assertEquals("203.0.113.7", reply.getSection(Section.ANSWER).get(0).rdataToString());
        assertEquals("192.0.2.1", direct.getSection(Section.ANSWER).get(0).rdataToString());
      }
    }
  }

  @Test
  void unreachableUpstreamIsServfailWithAnExtendedErrorOnTheWire() throws Exception {
    int port;
    try (DatagramSocket hole = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = hole.getLocalPort();
      try (ClusterDns server = ClusterDns.builder()
          .corefile(".:0 {\n forward . 127.0.0.1:" + port + " {\n  read_timeout 300ms\n }\n}\n").start()) {
        Message query = DnsProbe.query("www.example.org.", Type.A);
        query.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);

        Message reply = DnsProbe.udp(server.udpAddress(), query);

        assertEquals(Rcode.SERVFAIL, reply.getRcode());
        assertTrue(reply.getHeader().getFlag(Flags.QR));
        ExtendedErrorCodeOption reason = Replies.extendedErrors(reply).get(0);
        assertEquals(ExtendedErrorCodeOption.NETWORK_ERROR, reason.getErrorCode());
        assertEquals("forward: 127.0.0.1:" + port + ": read udp 127.0.0.1:" + port + ": i/o timeout", reason.getText());
      }
    }
  }
}
