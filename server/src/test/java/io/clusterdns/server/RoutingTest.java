package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Server blocks: the longest zone wins on a port, and several ports serve their own blocks. */
class RoutingTest {
  private static String firstAddress(Message reply) {
    return ((ARecord) reply.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress();
  }

  @Test
  void mostSpecificZoneOfThePortTakesTheQuery() throws Exception {
    String corefile = String.join("\n",
        "example.org {", "  hosts {", "    192.0.2.1 a.example.org", "  }", "}",
        "sub.example.org {", "  hosts {", "    192.0.2.2 a.sub.example.org", "  }", "}",
        "dns://. {", "  whoami", "}", "");
    try (ClusterDns server = ClusterDns.builder().corefile(corefile).start()) {
      InetSocketAddress udp = server.udpAddress();
      assertEquals("192.0.2.1", firstAddress(DnsProbe.udp(udp, DnsProbe.query("a.example.org.", Type.A))));
      assertEquals("192.0.2.2", firstAddress(DnsProbe.udp(udp, DnsProbe.query("A.Sub.Example.Org.", Type.A))));
      assertEquals(Rcode.NXDOMAIN,
          DnsProbe.udp(udp, DnsProbe.query("b.sub.example.org.", Type.A)).getRcode(),
          "sub.example.org's block answers for its names, not example.org's");
      Message other = DnsProbe.udp(udp, DnsProbe.query("elsewhere.net.", Type.A));
      assertEquals(Rcode.NOERROR, other.getRcode());
      assertEquals(1, other.getSection(Section.ADDITIONAL).stream().filter(r -> r.getType() == Type.A).count(),
          "the root block (whoami) takes everything else");
    }
  }

  @Test
  void eachPortServesOnlyItsOwnBlocks() throws Exception {
    int second = FreePorts.udpAndTcp();
    String corefile = String.join("\n",
        "one.test {", "  hosts {", "    192.0.2.10 a.one.test", "  }", "}",
        "two.test:" + second + " {", "  hosts {", "    192.0.2.20 a.two.test", "  }", "}", "");
    try (ClusterDns server = ClusterDns.builder().corefile(corefile).start()) {
      assertEquals(2, server.listeners().size());
      InetSocketAddress first = server.listeners().get(0).udp();
      InetSocketAddress other = server.listeners().get(1).udp();
      assertNotEquals(first.getPort(), other.getPort());
      assertEquals(second, other.getPort());
      assertEquals("192.0.2.10", firstAddress(DnsProbe.udp(first, DnsProbe.query("a.one.test.", Type.A))));
      assertEquals("192.0.2.20", firstAddress(DnsProbe.udp(other, DnsProbe.query("a.two.test.", Type.A))));
      assertEquals(Rcode.REFUSED, DnsProbe.udp(first, DnsProbe.query("a.two.test.", Type.A)).getRcode());
      assertEquals(Rcode.REFUSED, DnsProbe.udp(other, DnsProbe.query("a.one.test.", Type.A)).getRcode());
    }
  }

}
