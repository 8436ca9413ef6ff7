package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The bind plugin: listeners per address and port, as node-local DNS binds a link-local address
 * and the kube-dns ClusterIP on one port (here 127.0.0.x stand in for both).
 */
class BindListenersTest {
  private static InetSocketAddress at(String address, int port) throws Exception {
    return new InetSocketAddress(InetAddress.getByName(address), port);
  }

  private static String answer(InetSocketAddress server, String name) throws Exception {
    Message reply = DnsProbe.udp(server, DnsProbe.query(name, Type.A));
    return reply.getSection(Section.ANSWER).stream()
        .map(r -> ((ARecord) r).getAddress().getHostAddress()).collect(Collectors.joining(","));
  }

  @Test
  void blocksListenOnlyOnTheirAddressesAndShareAPortWithOthers() throws Exception {
    int port = FreePorts.udpAndTcp();
    String corefile = String.join("\n",
        "example.org:" + port + " {",
        "  bind 127.0.0.2 127.0.0.3",
        "  hosts {",
        "    192.0.2.23 www.example.org",
        "  }",
        "}",
        "example.org:" + port + " {",
        "  bind 127.0.0.5",
        "  hosts {",
        "    192.0.2.5 www.example.org",
        "  }",
        "}",
        "other.org:" + port + " {",
        "  hosts {",
        "    192.0.2.1 www.other.org",
        "  }",
        "}", "");
    try (ClusterDns dns = ClusterDns.builder().corefile(corefile).udpWorkers(1).start()) {
      assertEquals("192.0.2.23", answer(at("127.0.0.2", port), "www.example.org."));
      assertEquals("192.0.2.23", answer(at("127.0.0.3", port), "www.example.org."));
      assertEquals("192.0.2.5", answer(at("127.0.0.5", port), "www.example.org."));
      assertEquals("192.0.2.23", DnsProbe.tcp(at("127.0.0.3", port), DnsProbe.query("www.example.org.", Type.A))
          .getSection(Section.ANSWER).stream().map(r -> ((ARecord) r).getAddress().getHostAddress()).findFirst().orElse(""));
      // The block without bind listens on the builder's address (loopback) only.
      assertEquals("192.0.2.1", answer(at("127.0.0.1", port), "www.other.org."));
      assertEquals(Rcode.REFUSED, DnsProbe.udp(at("127.0.0.1", port), DnsProbe.query("www.example.org.", Type.A)).getRcode());
      assertEquals(Rcode.REFUSED, DnsProbe.udp(at("127.0.0.2", port), DnsProbe.query("www.other.org.", Type.A)).getRcode());
      // Nothing listens on 127.0.0.4.
      assertNull(DnsProbe.udp(at("127.0.0.4", port), DnsProbe.query("www.example.org.", Type.A).toWire(), 300));
      assertThrows(ConnectException.class, () -> new Socket(InetAddress.getByName("127.0.0.4"), port).close());

      Set<String> served = dns.listeners().stream()
          .map(l -> l.udp().getAddress().getHostAddress() + ":" + l.udp().getPort()).collect(Collectors.toSet());
      assertEquals(Set.of("127.0.0.2:" + port, "127.0.0.3:" + port, "127.0.0.5:" + port, "127.0.0.1:" + port), served);
      assertEquals(at("127.0.0.2", port), dns.udpAddress());
      assertEquals(at("127.0.0.2", port), dns.tcpAddress());
    }
  }

  @Test
  void theSameZoneTwiceOnOneAddressAndPortIsAnError() {
    String corefile = String.join("\n",
        "example.org:1053 {",
        "  bind 127.0.0.2 127.0.0.3",
        "  whoami",
        "}",
        "example.org:1053 {",
        "  bind 127.0.0.3",
        "  whoami",
        "}", "");
    CorefileProblems problems =
        assertThrows(CorefileProblems.class, () -> ClusterDns.builder().corefile(corefile).validate());
    assertEquals(
        List.of("Corefile:5:1: zone example.org. on port 1053 of 127.0.0.3 is already served by the block at Corefile:1:1"),
        problems.problems().stream().map(Throwable::getMessage).toList());
  }

  @Test
  void anInterfaceNameBindsEachOfItsAddresses() throws Exception {
    String corefile = "example.org {\n  bind lo {\n    except ::1\n  }\n  whoami\n}\n";
    try (ClusterDns dns = ClusterDns.builder().corefile(corefile).start()) {
      assertTrue(dns.listeners().stream().allMatch(l -> l.udp().getAddress() instanceof java.net.Inet4Address));
      InetSocketAddress loopback = dns.listeners().stream()
          .filter(l -> l.udp().getAddress().getHostAddress().equals("127.0.0.1")).findFirst().orElseThrow().udp();
      assertEquals(Rcode.NOERROR, DnsProbe.udp(loopback, DnsProbe.query("a.example.org.", Type.A)).getRcode());
    }
  }
}
