package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Replies;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Replies reused for repeated queries: only from chains that are deterministic throughout, only
 * while no plugin's state changed, never for SERVFAIL, and each with the asker's own ID, case
 * and EDNS size. Over real UDP sockets.
 */
class ReplyCacheTest {
  private static byte[] wire(String name, int type, int id, OPTRecord opt) {
    Message query = DnsProbe.query(name, type);
    query.getHeader().setID(id);
    if (opt != null) {
      query.addRecord(opt, Section.ADDITIONAL);
    }
    return query.toWire();
  }

  private static byte[] ask(InetSocketAddress server, byte[] query) throws IOException {
    byte[] reply = DnsProbe.udp(server, query, 5000);
    if (reply == null) {
      throw new IOException("no reply from " + server);
    }
    return reply;
  }

  private static String firstAddress(Message reply) {
    return reply.getSection(Section.ANSWER).stream()
        .filter(ARecord.class::isInstance)
        .map(r -> ((ARecord) r).getAddress().getHostAddress())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no A record in " + reply));
  }

  @Test
  void repeatedQueryGetsTheSameReplyWithItsOwnIdWithoutRunningTheChainAgain() throws Exception {
    TestPlugins.Probe probe = new TestPlugins.Probe("192.0.2.1");
    try (ClusterDns server = TestPlugins.start(probe, "example.org {\n errors\n probe\n}\n")) {
      byte[] first = ask(server.udpAddress(), wire("a.example.org.", Type.A, 0x1111, null));
      byte[] second = ask(server.udpAddress(), wire("a.example.org.", Type.A, 0x2222, null));
      assertEquals(0x1111, new Message(first).getHeader().getID());
      assertEquals(0x2222, new Message(second).getHeader().getID());
      assertArrayEquals(Arrays.copyOfRange(first, 2, first.length), Arrays.copyOfRange(second, 2, second.length));
      assertEquals(1, probe.asked.size(), "the second query was answered from the stored reply");
    }
  }

  @Test
  void newGenerationIsSeenByTheVeryNextQuery() throws Exception {
    TestPlugins.Probe probe = new TestPlugins.Probe("192.0.2.1");
    try (ClusterDns server = TestPlugins.start(probe, "example.org {\n probe\n}\n")) {
      Message query = DnsProbe.query("a.example.org.", Type.A);
      assertEquals("192.0.2.1", firstAddress(DnsProbe.udp(server.udpAddress(), query)));
      probe.addresses = List.of("192.0.2.2");
      assertEquals("192.0.2.1", firstAddress(DnsProbe.udp(server.udpAddress(), query)),
          "while the generation stays, the stored reply is used");
      probe.generation++;
      assertEquals("192.0.2.2", firstAddress(DnsProbe.udp(server.udpAddress(), query)));
    }
  }

  @Test
  void chainWithLogIsNeverCached() throws Exception {
    TestPlugins.Probe probe = new TestPlugins.Probe("192.0.2.1");
    try (ClusterDns server = TestPlugins.start(probe, "example.org {\n log\n probe\n}\n")) {
      byte[] query = wire("a.example.org.", Type.A, 7, null);
      ask(server.udpAddress(), query);
      ask(server.udpAddress(), query);
      assertEquals(2, probe.asked.size(), "log must see every query");
    }
  }

  @Test
  void whoamiAnswersEachClientWithItsOwnPort() throws Exception {
    try (ClusterDns server = ClusterDns.builder().corefile("example.org {\n whoami\n}\n").start()) {
      byte[] query = wire("who.example.org.", Type.A, 9, null);
      Message first = new Message(ask(server.udpAddress(), query));
      Message second = new Message(ask(server.udpAddress(), query));
      assertNotEquals(port(first), port(second), "each probe socket has its own port");
    }
  }

  private static int port(Message whoami) {
    return whoami.getSection(Section.ADDITIONAL).stream()
        .filter(r -> r.getType() == Type.SRV)
        .mapToInt(r -> ((SRVRecord) r).getPort())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void servfailIsNotKept() throws Exception {
    TestPlugins.Probe probe = new TestPlugins.Probe("192.0.2.1");
    probe.rcode = Rcode.SERVFAIL;
    try (ClusterDns server = TestPlugins.start(probe, "example.org {\n probe\n}\n")) {
      Message query = DnsProbe.query("a.example.org.", Type.A);
      assertEquals(Rcode.SERVFAIL, DnsProbe.udp(server.udpAddress(), query).getRcode());
      probe.rcode = Rcode.NOERROR;
      assertEquals(Rcode.NOERROR, DnsProbe.udp(server.udpAddress(), query).getRcode(),
          "a failure, such as one before the first sync, must not outlive itself");
    }
  }

  @Test
  void nxdomainIsKeptLikeAnAnswer() throws Exception {
    TestPlugins.Probe probe = new TestPlugins.Probe("192.0.2.1");
    probe.rcode = Rcode.NXDOMAIN;
    try (ClusterDns server = TestPlugins.start(probe, "example.org {\n probe\n}\n")) {
      Message query = DnsProbe.query("gone.example.org.", Type.A);
      assertEquals(Rcode.NXDOMAIN, DnsProbe.udp(server.udpAddress(), query).getRcode());
      assertEquals(Rcode.NXDOMAIN, DnsProbe.udp(server.udpAddress(), query).getRcode());
      assertEquals(1, probe.asked.size());
    }
  }

  @Test
  void mixedCaseQueriesEchoTheirOwnCase() throws Exception {
    try (ClusterDns server =
        ClusterDns.builder().corefile("example.org {\n hosts {\n  192.0.2.5 web.example.org\n }\n}\n").start()) {
      for (String spelling : List.of("web.example.org.", "WeB.eXaMpLe.OrG.", "web.example.org.", "WEB.EXAMPLE.ORG.")) {
        Message reply = DnsProbe.udp(server.udpAddress(), DnsProbe.query(spelling, Type.A));
        assertEquals(spelling, reply.getQuestion().getName().toString(), "question as asked");
        assertEquals(spelling, reply.getSection(Section.ANSWER).get(0).getName().toString(), "owner as asked");
      }
    }
  }

  @Test
  void ednsAndPlainQueriesOfOneNameEachGetTheirOwnSize() throws Exception {
    StringBuilder hosts = new StringBuilder("example.org {\n hosts {\n");
    for (int i = 1; i <= 60; i++) {
      hosts.append("  10.2.0.").append(i).append(" big.example.org\n");
    }
    hosts.append(" }\n}\n");
    try (ClusterDns server = ClusterDns.builder().corefile(hosts.toString()).start()) {
      OPTRecord edns = new OPTRecord(1232, 0, 0);
      for (int round = 0; round < 2; round++) {
        byte[] plain = ask(server.udpAddress(), wire("big.example.org.", Type.A, 100 + round, null));
        byte[] large = ask(server.udpAddress(), wire("big.example.org.", Type.A, 200 + round, edns));
        Message small = new Message(plain);
        Message full = new Message(large);
        assertTrue(plain.length <= 512 && small.getHeader().getFlag(Flags.TC), "without EDNS: 512 bytes, TC");
        assertNull(small.getOPT());
        assertFalse(full.getHeader().getFlag(Flags.TC), "with EDNS 1232 all 60 records fit");
        assertEquals(60, full.getSection(Section.ANSWER).size());
        assertEquals(1232, full.getOPT().getPayloadSize());
      }
    }
  }

  @Test
  void answerThatLookedUpAnotherBlockIsNotKept(@TempDir Path dir) throws Exception {
    TestPlugins.Probe probe = new TestPlugins.Probe("192.0.2.1");
    Files.writeString(dir.resolve("cluster.yaml"), String.join("\n",
        "apiVersion: v1", "kind: Namespace", "metadata:", "  name: default", "---",
        "apiVersion: v1", "kind: Service", "metadata:", "  name: alias", "  namespace: default",
        "spec:", "  type: ExternalName", "  externalName: target.example.org", ""));
    String corefile = "cluster.local {\n kubernetes cluster.local {\n  manifests " + dir + "\n }\n}\n"
        + "example.org {\n probe\n}\n";
    try (ClusterDns server = TestPlugins.start(probe, corefile)) {
      Message query = DnsProbe.query("alias.default.svc.cluster.local.", Type.A);
      assertEquals("192.0.2.1", firstAddress(DnsProbe.udp(server.udpAddress(), query)));
      assertEquals("192.0.2.1", firstAddress(DnsProbe.udp(server.udpAddress(), query)));
      assertEquals(2, probe.asked.size(), "the alias depends on example.org's block, so it is chased every time");
    }
  }

  @Test
  void manifestEditReachesAnswersThatWereStored(@TempDir Path dir) throws Exception {
    Path manifest = dir.resolve("cluster.yaml");
    Files.writeString(manifest, service("10.96.0.20"));
    String corefile = "cluster.local {\n kubernetes cluster.local {\n  manifests " + dir + "\n }\n}\n";
    try (ClusterDns server = ClusterDns.builder().corefile(corefile).start()) {
      Message query = DnsProbe.query("web.default.svc.cluster.local.", Type.A);
      assertEquals("10.96.0.20", firstAddress(DnsProbe.udp(server.udpAddress(), query)));
      assertEquals("10.96.0.20", firstAddress(DnsProbe.udp(server.udpAddress(), query)));
      Files.writeString(manifest, service("10.96.0.21"));
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> firstAddress(DnsProbe.udp(server.udpAddress(), query)).equals("10.96.0.21"));
    }
  }

  private static String service(String clusterIp) {
    return String.join("\n",
        "apiVersion: v1", "kind: Namespace", "metadata:", "  name: default", "---",
        "apiVersion: v1", "kind: Service", "metadata:", "  name: web", "  namespace: default",
        "spec:", "  clusterIP: " + clusterIp, "  ports:", "  - port: 80", "");
  }
}
