package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clusterdns.plugin.PluginSetup;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A plugin may answer with one message it built once and shares between queries: the server
 * encodes a copy with its own OPT and ID and never changes the plugin's message, and a plugin
 * that changes the query it got from the request does not change the request.
 */
class SharedReplyTest {
  private static final Message SHARED = new Message();

  /** Answers every query with the same message object, after scribbling on its copy of the query. */
  private static final PluginSetup PREBUILT =
      TestPlugins.plugin(
          "prebuilt",
          (request, next) -> {
            Message mine = request.query();
            mine.getHeader().setID(0);
            mine.removeAllRecords(Section.ADDITIONAL);
            assertEquals(request.qname(), request.query().getQuestion().getName());
            return SHARED;
          });

  @Test
  void sharedReplyIsNeverChangedByTheServer() throws Exception {
    SHARED.getHeader().setFlag(Flags.QR);
    SHARED.addRecord(new ARecord(Name.fromString("shared.example.org."), DClass.IN, 5,
        InetAddress.getByName("192.0.2.1")), Section.ANSWER);
    String before = withoutSize(SHARED);
    try (ClusterDns server = TestPlugins.start(PREBUILT, "example.org {\n prebuilt\n}\n")) {
      Message withEdns = DnsProbe.query("a.example.org.", Type.A);
      withEdns.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
      for (int i = 0; i < 3; i++) {
        Message reply = DnsProbe.udp(server.udpAddress(), withEdns);
        assertEquals(withEdns.getHeader().getID(), reply.getHeader().getID(), "the query's ID");
        assertNotNull(reply.getOPT(), "an EDNS0 query gets an OPT");
        assertEquals(1, reply.getSection(Section.ANSWER).size());
        Message plain = DnsProbe.udp(server.udpAddress(), DnsProbe.query("b.example.org.", Type.A));
        assertNull(plain.getOPT(), "no OPT for a query without one: the shared message has none");
      }
    }
    assertEquals(before, withoutSize(SHARED));
  }

  /** The message as text without dnsjava's note of the size it last had on the wire. */
  private static String withoutSize(Message message) {
    return message.toString().replaceAll(";; Message size: \\d+ bytes", "");
  }
}
