package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clusterdns.plugin.Replies;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** A plugin that throws costs one SERVFAIL, never the server. */
class FailingPluginTest {
  @Test
  void throwingPluginGivesServfailAndTheServerKeepsAnswering() throws Exception {
    try (ClusterDns server =
        TestPlugins.start(TestPlugins.EXPLODING, "example.org {\n exploding\n whoami\n}\n")) {
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
    try (ClusterDns server =
        TestPlugins.start(TestPlugins.EXPLODING, "example.org {\n exploding\n whoami\n}\n")) {
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
    try (ClusterDns server = TestPlugins.start(TestPlugins.EXPLODING, "example.org {\n exploding\n}\n")) {
      assertEquals(Rcode.SERVFAIL,
          DnsProbe.udp(server.udpAddress(), DnsProbe.query("nobody.example.org.", Type.A)).getRcode());
    }
  }
}
