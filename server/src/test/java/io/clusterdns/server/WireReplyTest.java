package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.WireHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The server's side of {@link WireHandler}: the first handler's wire reply goes out as it is,
 * with the server's OPT for an EDNS0 query, within the client's size; a null sends the query
 * through the chain; handlers that pass the wire path on reach one further down, a handler
 * that does not stops it.
 */
class WireReplyTest {
  private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);

  @Test
  void theFirstHandlersWireReplyIsSentAsItIs() throws Exception {
    Wired wired = new Wired(true);
    QueryProcessor processor = processor(List.of("wired", "answering"), List.of(wired, new Answering()));
    Message query = DnsProbe.query("WWW.example.org.", Type.A);

    byte[] reply = processor.processFully(query.toWire(), query.toWire().length, CLIENT, Transport.UDP, null);

    assertArrayEquals(wired.sent.get(0), reply);
    assertEquals(List.of(512), wired.limits);
    assertEquals("192.0.2.77", ((ARecord) new Message(reply).getSection(Section.ANSWER).get(0)).getAddress().getHostAddress());
  }

  @Test
  void anEdnsQueryGetsTheServersOptWithItsDoBit() throws Exception {
    Wired wired = new Wired(true);
    QueryProcessor processor = processor(List.of("wired", "answering"), List.of(wired, new Answering()));
    for (boolean dnssecOk : new boolean[] {false, true}) {
      Message query = DnsProbe.query("www.example.org.", Type.A);
      query.addRecord(new OPTRecord(4096, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);

      Message reply = new Message(processor.processFully(query.toWire(), query.toWire().length, CLIENT, Transport.UDP, null));

      OPTRecord opt = reply.getOPT();
      assertNotNull(opt);
      assertEquals(ReplyEncoder.MAX_UDP_PAYLOAD, opt.getPayloadSize());
      assertEquals(0, opt.getVersion());
      assertEquals(dnssecOk, (opt.getFlags() & ExtendedFlags.DO) != 0);
      assertTrue(opt.getOptions().isEmpty());
      assertEquals(1, reply.getSection(Section.ANSWER).size());
      assertEquals(Rcode.NOERROR, reply.getRcode());
    }
    // The room left for the handler: the client's size up to the server's, less the OPT.
    assertEquals(List.of(ReplyEncoder.MAX_UDP_PAYLOAD - 11, ReplyEncoder.MAX_UDP_PAYLOAD - 11), wired.limits);
  }

  @Test
  void overTcpTheLimitIsAWholeMessage() throws Exception {
    Wired wired = new Wired(true);
    QueryProcessor processor = processor(List.of("wired", "answering"), List.of(wired, new Answering()));
    byte[] query = DnsProbe.query("www.example.org.", Type.A).toWire();

    processor.processFully(query, query.length, CLIENT, Transport.TCP, null);

    assertEquals(List.of(ReplyEncoder.MAX_TCP_MESSAGE), wired.limits);
  }

  @Test
  void withoutAWireReplyTheChainAnswers() throws Exception {
    Wired wired = new Wired(false);
    QueryProcessor processor = processor(List.of("wired", "answering"), List.of(wired, new Answering()));
    byte[] query = DnsProbe.query("www.example.org.", Type.A).toWire();

    Message reply = new Message(processor.processFully(query, query.length, CLIENT, Transport.UDP, null));

    assertEquals(1, wired.limits.size());
    assertEquals(1, wired.served);
    assertEquals("192.0.2.1", ((ARecord) reply.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress());
  }

  @Test
  void aHandlerWithoutAWirePathStopsIt() throws Exception {
    Wired wired = new Wired(true);
    QueryProcessor processor =
        processor(List.of("passing", "wired", "answering"), List.of(new PassOn(), wired, new Answering()));
    byte[] query = DnsProbe.query("www.example.org.", Type.A).toWire();

    Message reply = new Message(processor.processFully(query, query.length, CLIENT, Transport.UDP, null));

    assertTrue(wired.limits.isEmpty());
    assertEquals(1, wired.served);
    assertFalse(reply.getSection(Section.ANSWER).isEmpty());
  }

  @Test
  void handlersThatPassTheWirePathOnReachTheOneWithTheBytes() throws Exception {
    Wired wired = new Wired(true);
    QueryProcessor processor = processor(List.of("passing", "passing2", "wired", "answering"),
        List.of(new WirePassOn(), new WirePassOn(), wired, new Answering()));
    byte[] query = DnsProbe.query("www.example.org.", Type.A).toWire();

    byte[] reply = processor.processFully(query, query.length, CLIENT, Transport.UDP, null);

    assertArrayEquals(wired.sent.get(0), reply);
    assertEquals(0, wired.served);
  }

  @Test
  void aFailureFurtherDownTheWirePathNamesItsPlugin() throws Exception {
    QueryProcessor processor = processor(List.of("passing", "failing", "answering"),
        List.of(new WirePassOn(), new Failing(), new Answering()));
    Message query = DnsProbe.query("www.example.org.", Type.A);
    query.addRecord(new OPTRecord(1232, 0, 0, 0), Section.ADDITIONAL);

    Message reply = new Message(processor.processFully(query.toWire(), query.toWire().length, CLIENT, Transport.UDP, null));

    assertEquals(Rcode.SERVFAIL, reply.getRcode());
    assertEquals("plugin/failing failed", io.clusterdns.plugin.Replies.extendedErrors(reply).get(0).getText());
  }

  @Test
  void aWireHandlerThatFailsIsAServfailNamingIt() throws Exception {
    WireHandler failing = new Failing();
    QueryProcessor processor = processor(List.of("failing", "answering"), List.of((Handler) failing, new Answering()));
    Message query = DnsProbe.query("www.example.org.", Type.A);
    query.addRecord(new OPTRecord(1232, 0, 0, 0), Section.ADDITIONAL);

    Message reply = new Message(processor.processFully(query.toWire(), query.toWire().length, CLIENT, Transport.UDP, null));

    assertEquals(Rcode.SERVFAIL, reply.getRcode());
    assertEquals("plugin/failing failed", io.clusterdns.plugin.Replies.extendedErrors(reply).get(0).getText());
  }

  @Test
  void aWireReplyGetsTheOptAppendedToItsAdditionalCount() {
    byte[] wire = new byte[12];
    wire[11] = 2;
    byte[] withOpt = ReplyEncoder.withOpt(wire, new OPTRecord(512, 0, 0, ExtendedFlags.DO));
    assertEquals(12 + 11, withOpt.length);
    assertEquals(3, withOpt[11]);
    assertEquals(ExtendedFlags.DO, (withOpt[12 + 7] & 0xFF) << 8 | (withOpt[12 + 8] & 0xFF));
    assertEquals(wire, ReplyEncoder.withOpt(wire, null));
  }

  private static QueryProcessor processor(List<String> names, List<Handler> handlers) throws Exception {
    BlockChain chain = new BlockChain(names, handlers);
    return new QueryProcessor(
        new ZoneTable(Map.of(Name.fromString("example.org."), new ZoneTable.Route("example.org.", chain))),
        new InFlight());
  }

  /** A wire handler that answers 192.0.2.77 in wire form (or never), recording what it was asked. */
  private static final class Wired implements Handler, WireHandler {
    private final boolean answers;
    final List<Integer> limits = new ArrayList<>();
    final List<byte[]> sent = new ArrayList<>();
    int served;

    Wired(boolean answers) {
      this.answers = answers;
    }

    @Override
    public byte[] serveWire(Request request, Chain next, int maxLength) {
      limits.add(maxLength);
      if (!answers) {
        return null;
      }
      Message reply = Replies.reply(request);
      reply.getHeader().setFlag(Flags.RA);
      try {
        reply.addRecord(new ARecord(request.qname(), DClass.IN, 30, InetAddress.getByName("192.0.2.77")), Section.ANSWER);
      } catch (java.net.UnknownHostException e) {
        throw new AssertionError(e);
      }
      byte[] wire = reply.toWire();
      sent.add(wire);
      return wire;
    }

    @Override
    public Message serve(Request request, Chain next) throws Exception {
      served++;
      return next.next(request);
    }
  }

  private static final class Failing implements Handler, WireHandler {
    @Override
    public byte[] serveWire(Request request, Chain next, int maxLength) {
      throw new IllegalStateException("broken");
    }

    @Override
    public Message serve(Request request, Chain next) throws Exception {
      return next.next(request);
    }
  }

  /** A pass-through plugin (prometheus, errors...) on both paths. */
  private static final class WirePassOn implements Handler, WireHandler {
    @Override
    public byte[] serveWire(Request request, Chain next, int maxLength) throws Exception {
      return next.nextWire(request, maxLength);
    }

    @Override
    public Message serve(Request request, Chain next) throws Exception {
      return next.next(request);
    }
  }

  private static final class PassOn implements Handler {
    @Override
    public Message serve(Request request, Chain next) throws Exception {
      return next.next(request);
    }
  }

  private static final class Answering implements Handler {
    @Override
    public Message serve(Request request, Chain next) throws Exception {
      Message reply = Replies.authoritative(request);
      reply.addRecord(new ARecord(request.qname(), DClass.IN, 5, InetAddress.getByName("192.0.2.1")), Section.ANSWER);
      return reply;
    }
  }
}
