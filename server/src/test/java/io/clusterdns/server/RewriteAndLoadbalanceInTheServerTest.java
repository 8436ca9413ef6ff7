package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * How the server runs rewrite and loadbalance: every rewrite line of a block forms one rule list,
 * a block with rewrite keeps the reply cache, and a block with loadbalance has none.
 */
class RewriteAndLoadbalanceInTheServerTest {
  private static List<String> owners(Message reply) {
    return reply.getSection(Section.ANSWER).stream().map(r -> r.getName().toString()).distinct().toList();
  }

  @Test
  void rewriteLinesOfABlockFormOneListThatStopEnds() throws Exception {
    TestPlugins.Probe probe = new TestPlugins.Probe("192.0.2.1", "192.0.2.2");
    String corefile = "example.org:0 {\n"
        + " rewrite continue name suffix .one.example.org .two.example.org answer auto\n"
        + " probe\n"
        + " rewrite stop name suffix .two.example.org .three.example.org answer auto\n"
        + " rewrite name suffix .three.example.org .four.example.org answer auto\n"
        + "}\n";
    try (ClusterDns server = TestPlugins.start(probe, corefile)) {
      Message reply = DnsProbe.udp(server.udpAddress(), DnsProbe.query("a.one.example.org.", Type.A));
      assertEquals(List.of("a.three.example.org."), probe.asked, "continue went on, stop ended the list");
      assertEquals(List.of("a.one.example.org."), owners(reply));
    }
  }

  @Test
  void regexRulesWithGroupsReadFromARealCorefile() throws Exception {
    TestPlugins.Probe probe = new TestPlugins.Probe("192.0.2.1", "192.0.2.2");
    String corefile = "example.org:0 consul:0 {\n"
        + " rewrite stop {\n"
        + "  name regex (.*)-(us-west-1)\\.example\\.org {1}.service.{2}.consul\n"
        + "  answer name (.*)\\.service\\.(us-west-1)\\.consul {1}-{2}.example.org\n"
        + " }\n"
        + " probe\n"
        + "}\n";
    try (ClusterDns server = TestPlugins.start(probe, corefile)) {
      Message reply = DnsProbe.udp(server.udpAddress(), DnsProbe.query("ftp-us-west-1.example.org.", Type.A));
      assertEquals(List.of("ftp.service.us-west-1.consul."), probe.asked);
      assertEquals(List.of("ftp-us-west-1.example.org."), owners(reply));
    }
  }

  @Test
  void aBlockWithRewriteKeepsTheReplyCache() throws Exception {
    TestPlugins.Probe probe = new TestPlugins.Probe("192.0.2.1", "192.0.2.2");
    try (ClusterDns server = TestPlugins.start(probe, "example.org:0 {\n rewrite name exact a.example.org b.example.org\n probe\n}\n")) {
      for (int i = 0; i < 3; i++) {
        Message reply = DnsProbe.udp(server.udpAddress(), DnsProbe.query("a.example.org.", Type.A));
        assertEquals(List.of("a.example.org."), owners(reply));
      }
      assertEquals(List.of("b.example.org."), probe.asked, "the second and third answers came from the reply cache");
    }
  }

  @Test
  void aBlockWithLoadbalanceRunsTheChainForEveryQuery() throws Exception {
    TestPlugins.Probe probe = new TestPlugins.Probe("192.0.2.1", "192.0.2.2");
    try (ClusterDns server = TestPlugins.start(probe, "example.org:0 {\n loadbalance\n probe\n}\n")) {
      for (int i = 0; i < 3; i++) {
        DnsProbe.udp(server.udpAddress(), DnsProbe.query("a.example.org.", Type.A));
      }
      assertEquals(3, probe.asked.size(), "every query gets a fresh order");
    }
  }

  @Test
  void aBadRuleOnTheSecondRewriteLineIsReportedWithItsPlace() {
    CorefileProblems problems = org.junit.jupiter.api.Assertions.assertThrows(CorefileProblems.class,
        () -> ClusterDns.builder().corefile("example.org:0 {\n rewrite name a.example.org b.example.org\n"
            + " rewrite type A BOGUS\n whoami\n}\n").start());
    assertEquals(true, problems.getMessage().contains(":3:17: rewrite: invalid type 'BOGUS'"), problems.getMessage());
  }

  @Test
  void everyBadOccurrenceOfAPluginSetUpOnePerLineIsReported() {
    CorefileProblems problems = org.junit.jupiter.api.Assertions.assertThrows(CorefileProblems.class,
        () -> ClusterDns.builder().corefile("example.org:0 {\n template IN BOGUS\n template IN A {\n  rcode NXDOMAIN\n }\n"
            + " template IN WRONG\n}\n").start());
    assertEquals(List.of(2, 6), problems.problems().stream().map(p -> p.location().line()).toList(), problems.getMessage());
  }
}
