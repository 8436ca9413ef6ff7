package io.clusterdns.server.kubernetes;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.kubernetes.DnsCase;
import io.clusterdns.plugin.kubernetes.KubernetesDnsCases;
import io.clusterdns.plugin.kubernetes.ZoneFileRecords;
import io.clusterdns.server.ClusterDns;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The kubernetes rule-book table of the plugins module, asked over UDP of a real server whose
 * kubernetes plugin reads the same cluster from manifests. A second block serves the zone {@code
 * test.} with hosts, standing in for the upstream of ExternalName targets.
 */
class KubernetesRuleBookOverUdpTest {
  private static final String UPSTREAM_BLOCK =
      "test:0 {\n  hosts /dev/null {\n    203.0.113.10 ext.interwebs.test\n"
          + "    2001:db8::10 ext.interwebs.test\n    ttl 300\n    reload 0s\n  }\n}\n";
  private static final Map<String, ClusterDns> SERVERS = new HashMap<>();
  private static Path manifests;

  @BeforeAll
  static void findManifests() throws Exception {
    manifests =
        Path.of(KubernetesRuleBookOverUdpTest.class.getResource("rule-book-cluster.yaml").toURI());
  }

  @AfterAll
  static void stopServers() {
    SERVERS.values().forEach(ClusterDns::close);
  }

  static Stream<DnsCase> cases() {
    return KubernetesDnsCases.all().stream().filter(c -> !c.inProcessOnly());
  }

  /** One server per distinct kubernetes directive of the table. */
  private static ClusterDns server(String directive) throws Exception {
    String corefile = ".:0 {\n" + directive + "\n}\n" + UPSTREAM_BLOCK;
    ClusterDns server = SERVERS.get(corefile);
    if (server == null) {
      server = ClusterDns.builder().corefile(corefile).start();
      SERVERS.put(corefile, server);
    }
    return server;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersPerRuleBookOverUdp(DnsCase c) throws Exception {
    ClusterDns server = server(c.corefile(List.of("manifests " + manifests)));
    Message reply = Dig.ask(server.udpAddress(), c.qname(), c.qtype());
    if (c.fallsThrough()) {
      // Nothing follows kubernetes in the block: the query runs off the end of the chain.
      assertAll(
          () -> assertEquals("SERVFAIL", Rcode.string(reply.getRcode()), "rcode"),
          () -> assertFalse(reply.getHeader().getFlag(Flags.AA), "AA"),
          () -> assertTrue(reply.getSection(Section.ANSWER).isEmpty(), "answer"));
      return;
    }
    assertAll(
        () -> assertEquals(Rcode.string(c.rcode()), Rcode.string(reply.getRcode()), "rcode"),
        () -> assertEquals(c.authoritative(), reply.getHeader().getFlag(Flags.AA), "AA"),
        () -> assertEquals(expected(c.answer()), actual(reply, Section.ANSWER), "answer"),
        () -> assertEquals(expected(c.authority()), actual(reply, Section.AUTHORITY), "authority"),
        // Name compression may reuse the question's spelling for additional owners.
        () -> assertEquals(lower(expected(c.additional())), lower(actual(reply, Section.ADDITIONAL)),
            "additional"));
  }

  @Test
  void neverServesANotReadyEndpoint() throws Exception {
    ClusterDns server = server("kubernetes cluster.local in-addr.arpa {\n manifests " + manifests + "\n}");
    assertEquals(
        Rcode.NXDOMAIN,
        Dig.ask(server.udpAddress(), "172-0-0-30.hdls1.testns.svc.cluster.local.", Type.A).getRcode());
    assertEquals(Rcode.NXDOMAIN, Dig.ask(server.udpAddress(), "30.0.0.172.in-addr.arpa.", Type.PTR).getRcode());
  }

  /** The SOA serial is the load time of the manifests, so it is left out of the comparison. */
  private static List<String> expected(List<String> lines) {
    return ZoneFileRecords.sortedText(
        lines.stream().map(ZoneFileRecords::parse).map(KubernetesRuleBookOverUdpTest::withoutSerial).toList());
  }

  private static List<String> actual(Message reply, int section) {
    return ZoneFileRecords.sortedText(
        reply.getSection(section).stream().map(KubernetesRuleBookOverUdpTest::withoutSerial).toList());
  }

  private static Record withoutSerial(Record record) {
    if (!(record instanceof SOARecord)) {
      return record;
    }
    SOARecord soa = (SOARecord) record;
    return new SOARecord(soa.getName(), soa.getDClass(), soa.getTTL(), soa.getHost(), soa.getAdmin(),
        0, soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum());
  }

  private static List<String> lower(List<String> records) {
    return records.stream().map(r -> r.toLowerCase(Locale.ROOT)).toList();
  }
}
