package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clusterdns.config.Directive;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.SetupContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** A plugin that throws costs one SERVFAIL, never the server. */
class FailingPluginTest {
  /** Throws for names starting with "boom", passes everything else on. */
  private static final class Exploding implements PluginSetup {
    @Override
    public String name() {
      return "exploding";
    }

    @Override
    public Handler setup(Directive directive, SetupContext context) {
      return (request, next) -> {
        if (request.qname().getLabelString(0).startsWith("boom")) {
          throw new IllegalStateException("exploded on purpose");
        }
        return next.next(request);
      };
    }
  }

  @Test
  void throwingPluginGivesServfailAndTheServerKeepsAnswering() throws Exception {
    PluginRegistry plugins = PluginRegistry.withExtra(Map.of(new Exploding(), "whoami"));
    try (ClusterDns server = ClusterDns.builder().plugins(plugins)
        .corefile("example.org {\n exploding\n whoami\n}\n").start()) {
      for (int i = 0; i < 3; i++) {
        assertEquals(Rcode.SERVFAIL,
            DnsProbe.udp(server.udpAddress(), DnsProbe.query("boom.example.org.", Type.A)).getRcode());
        assertEquals(Rcode.NOERROR,
            DnsProbe.udp(server.udpAddress(), DnsProbe.query("fine.example.org.", Type.A)).getRcode());
      }
    }
  }

  @Test
  void servfailOfAFailingPluginSaysWhichInAnExtendedError() throws Exception {
    PluginRegistry plugins = PluginRegistry.withExtra(Map.of(new Exploding(), "whoami"));
    try (ClusterDns server = ClusterDns.builder().plugins(plugins)
        .corefile("example.org {\n exploding\n whoami\n}\n").start()) {
      Message withEdns = DnsProbe.query("boom.example.org.", Type.A);
      withEdns.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
      Message reply = DnsProbe.udp(server.udpAddress(), withEdns);
      assertEquals(Rcode.SERVFAIL, reply.getRcode());
      List<ExtendedErrorCodeOption> errors = Replies.extendedErrors(reply);
      assertEquals(1, errors.size(), reply.toString());
      assertEquals(ExtendedErrorCodeOption.OTHER, errors.get(0).getErrorCode());
      assertEquals("plugin/exploding failed", errors.get(0).getText());

      Message plain = DnsProbe.udp(server.udpAddress(), DnsProbe.query("boom.example.org.", Type.A));
      assertNull(plain.getOPT(), "no OPT, so no EDE, for a query without EDNS0");
    }
  }

  @Test
  void queryPassedOnPastTheLastPluginGetsServfail() throws IOException, Exception {
    PluginRegistry plugins = PluginRegistry.withExtra(Map.of(new Exploding(), "whoami"));
    try (ClusterDns server = ClusterDns.builder().plugins(plugins)
        .corefile("example.org {\n exploding\n}\n").start()) {
      assertEquals(Rcode.SERVFAIL,
          DnsProbe.udp(server.udpAddress(), DnsProbe.query("nobody.example.org.", Type.A)).getRcode());
    }
  }
}
