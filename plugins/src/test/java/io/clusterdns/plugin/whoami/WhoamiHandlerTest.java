package io.clusterdns.plugin.whoami;

import static io.clusterdns.plugin.testkit.Queries.answers;
import static io.clusterdns.plugin.testkit.Queries.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.testkit.Queries;
import io.clusterdns.plugin.testkit.RecordingChain;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class WhoamiHandlerTest {
  private final WhoamiHandler handler = new WhoamiHandler();

  @Test
  void ipv4ClientOverUdpGetsAnARecordAndAUdpSrvRecord() throws Exception {
    RecordingChain next = RecordingChain.answering();
    Request request =
        Queries.request("Example.ORG.", Type.A, new InetSocketAddress("10.240.0.1", 40212), Transport.UDP);

    Message reply = handler.serve(request, next);

    assertFalse(next.called());
    assertEquals(Rcode.NOERROR, reply.getRcode());
    assertTrue(reply.getHeader().getFlag(Flags.AA));
    assertEquals(request.id(), reply.getHeader().getID());
    assertEquals(List.of(), answers(reply));
    assertEquals(
        List.of(
            "Example.ORG. 0 IN A 10.240.0.1",
            "_udp.Example.ORG. 0 IN SRV 0 0 40212 ."),
        section(reply, Section.ADDITIONAL));
  }

  @Test
  void ipv6ClientOverTcpGetsAnAaaaRecordAndATcpSrvRecord() throws Exception {
    Request request =
        Queries.request("example.org.", Type.MX, new InetSocketAddress("2001:db8:0:0:0:0:0:7", 53001), Transport.TCP);

    Message reply = handler.serve(request, RecordingChain.answering());

    assertEquals(
        List.of(
            "example.org. 0 IN AAAA 2001:db8:0:0:0:0:0:7",
            "_tcp.example.org. 0 IN SRV 0 0 53001 ."),
        section(reply, Section.ADDITIONAL));
  }

  @Test
  void rootQuestionOwnsTheSrvRecordAtUnderscoreProto() throws Exception {
    Message reply = handler.serve(Queries.request(".", Type.NS), RecordingChain.answering());

    assertEquals(
        List.of(". 0 IN A 10.1.2.3", "_udp. 0 IN SRV 0 0 40212 ."), section(reply, Section.ADDITIONAL));
  }
}
