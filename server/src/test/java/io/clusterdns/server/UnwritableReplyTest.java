package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * A reply that dnsjava holds but cannot write, a WKS record without services (found by the
 * reply-wire fuzz target: an upstream's reply that the cache could not keep in wire form), is
 * answered SERVFAIL over UDP and TCP, with and without the cache, and the listeners answer on.
 * It cost the UDP listener its thread before, and the client its answer.
 */
class UnwritableReplyTest {
  private static final String COREFILE =
      """
      example.org {
          CACHE
          template IN WKS example.org {
              answer "{{ .Name }} 60 IN WKS 192.0.2.1 tcp"
          }
          hosts {
              192.0.2.7 www.example.org
          }
      }
      """;

  @ParameterizedTest
  @ValueSource(strings = {"", "cache 30"})
  void isServfailAndTheServerAnswersOn(String cache) throws Exception {
    try (ClusterDns server = ClusterDns.builder().corefile(COREFILE.replace("CACHE", cache)).udpThreads(1).start()) {
      for (int i = 0; i < 2; i++) {
        Message query = DnsProbe.query("wks.example.org.", Type.WKS);
        Message udp = DnsProbe.udp(server.udpAddress(), query);
        assertEquals(Rcode.SERVFAIL, udp.getRcode(), udp.toString());
        assertEquals(query.getQuestion(), udp.getQuestion());
        assertEquals(query.getHeader().getID(), udp.getHeader().getID());
        assertEquals(Rcode.SERVFAIL, DnsProbe.tcp(server.tcpAddress(), query).getRcode());
      }
      assertEquals(Rcode.NOERROR,
          DnsProbe.udp(server.udpAddress(), DnsProbe.query("www.example.org.", Type.A)).getRcode());
    }
  }
}
