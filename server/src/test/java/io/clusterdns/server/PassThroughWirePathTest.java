package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * bind and explain, which only pass queries on, hand the wire path on as health, ready and
 * prometheus do (KubeadmCacheHitTest): a cache hit behind them goes out as bytes.
 */
class PassThroughWirePathTest {
  private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);

  @Test
  void aHitBehindBindAndExplainGoesOutAsBytes() throws Exception {
    try (ClusterDns server = ClusterDns.builder()
        .corefile("example.org {\n  bind 127.0.0.1\n  explain 127.0.0.1:0\n  cache 30\n"
            + "  template IN A example.org {\n    answer \"{{ .Name }} 60 IN A 192.0.2.1\"\n  }\n}\n")
        .start()) {
      String name = "www.example.org.";
      DnsProbe.udp(server.udpAddress(), DnsProbe.query(name, Type.A));
      // The server's own handlers, in its chain's order, so the path is the server's.
      List<Handler> handlers = server.handlers(Handler.class);
      BlockChain chain = new BlockChain(handlers.stream().map(h -> h.getClass().getSimpleName()).toList(), handlers);
      Request request = new Request(DnsProbe.query(name, Type.A), CLIENT, Transport.UDP, "example.org.", 0);

      byte[] wire = chain.runWire(request, 512);

      assertNotNull(wire, "no wire path through " + chain.names());
      assertEquals("192.0.2.1", new Message(wire).getSection(Section.ANSWER).get(0).rdataToString());
    }
  }
}
