package io.clusterdns.plugin.cache;

import static io.clusterdns.plugin.cache.CacheFixture.query;
import static io.clusterdns.plugin.testkit.Queries.answers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.WKSRecord;

/**
 * A hit in wire form ({@link CacheHandler#serveWire}, what the server sends when the cache is
 * the first plugin of its block) says what {@link CacheHandler#serve} would, counts as one hit,
 * and is null, counting nothing, whenever serve must answer instead.
 */
class CacheWireTest {
  private static final int ROOM = 1221;

  private final CacheFixture fixture = new CacheFixture();
  private final ScriptedChain next = new ScriptedChain(ScriptedChain.addresses(300, "192.0.2.1", "192.0.2.2"));

  @Test
  void aHitInWireFormIsTheReplyServeWouldGive() throws Exception {
    CacheHandler cache = fixture.handler("cache");
    cache.serve(query("www.example.org.", Type.A), next);
    fixture.ticker.advanceSeconds(10);

    Request asked = query("WWW.Example.ORG.", Type.A);
    Message wire = new Message(cache.serveWire(asked, next, ROOM));
    Message served = cache.serve(asked, next);

    assertEquals(served.toString(), wire.toString());
    assertEquals(List.of("WWW.Example.ORG. 290 IN A 192.0.2.1", "WWW.Example.ORG. 290 IN A 192.0.2.2"), answers(wire));
    assertEquals("WWW.Example.ORG.", wire.getQuestion().getName().toString());
    assertEquals(asked.id(), wire.getHeader().getID());
    assertTrue(wire.getHeader().getFlag(Flags.QR));
    assertTrue(wire.getHeader().getFlag(Flags.RD));
    assertTrue(wire.getHeader().getFlag(Flags.RA));
    assertEquals(Opcode.QUERY, wire.getHeader().getOpcode());
    assertEquals(1, next.calls());
  }

  @Test
  void aDenialInWireFormKeepsItsRcodeAndSoa() throws Exception {
    CacheHandler cache = fixture.handler("cache");
    next.answerWith(ScriptedChain.negative(Rcode.NXDOMAIN, 3600, 60));
    cache.serve(query("nope.example.org.", Type.A), next);
    fixture.ticker.advanceSeconds(5);

    Message wire = new Message(cache.serveWire(query("nope.example.org.", Type.A), next, ROOM));

    assertEquals(Rcode.NXDOMAIN, wire.getRcode());
    assertEquals(Type.SOA, wire.getSection(Section.AUTHORITY).get(0).getType());
    assertEquals(55, wire.getSection(Section.AUTHORITY).get(0).getTTL());
    assertEquals(1, (int) fixture.metrics.denialHits.get());
  }

  @Test
  void keepttlAndCdAndAdAreAsForServe() throws Exception {
    CacheHandler cache = fixture.handler("cache {\n keepttl\n}");
    next.answerWith(request -> {
      Message reply = ScriptedChain.addresses(300, "192.0.2.1").answer(request);
      reply.getHeader().setFlag(Flags.AD);
      return reply;
    });
    cache.serve(query("www.example.org.", Type.A, true, true), next);
    fixture.ticker.advanceSeconds(100);

    Message withDo = new Message(cache.serveWire(query("www.example.org.", Type.A, true, true), next, ROOM));
    assertEquals("www.example.org. 300 IN A 192.0.2.1", answers(withDo).get(0));
    assertTrue(withDo.getHeader().getFlag(Flags.AD));
    assertTrue(withDo.getHeader().getFlag(Flags.CD));
    // DO and CD are part of the key: without them the entry is another one, not there yet.
    assertNull(cache.serveWire(query("www.example.org.", Type.A, false, false), next, ROOM));

    cache.serve(query("www.example.org.", Type.A, false, false), next);
    Message plain = new Message(cache.serveWire(query("www.example.org.", Type.A, false, false), next, ROOM));
    assertFalse(plain.getHeader().getFlag(Flags.AD), "AD only for a client that set DO or AD");
    assertFalse(plain.getHeader().getFlag(Flags.CD));
  }

  @Test
  void missesAndStaleEntriesAreLeftToServeAndNotCounted() throws Exception {
    CacheHandler cache = fixture.handler("cache {\n serve_stale 60s\n}");
    assertNull(cache.serveWire(query("www.example.org.", Type.A), next, ROOM));
    assertEquals(0, (int) fixture.metrics.requests.get());
    assertEquals(0, (int) fixture.metrics.misses.get());

    cache.serve(query("www.example.org.", Type.A), next);
    fixture.ticker.advanceSeconds(301);
    assertNull(cache.serveWire(query("www.example.org.", Type.A), next, ROOM));
    assertEquals(1, (int) fixture.metrics.requests.get());
    assertEquals(0, (int) fixture.metrics.servedStale.get());

    Message stale = cache.serve(query("www.example.org.", Type.A), next);
    assertEquals(List.of(ExtendedErrorCodeOption.STALE_ANSWER),
        Replies.extendedErrors(stale).stream().map(ExtendedErrorCodeOption::getErrorCode).toList());
  }

  @Test
  void anEntryWithExtendedErrorsOrLongerThanTheRoomIsLeftToServe() throws Exception {
    CacheHandler cache = fixture.handler("cache");
    next.answerWith(request -> Replies.withExtendedError(
        ScriptedChain.addresses(300, "192.0.2.1").answer(request), ExtendedErrorCodeOption.FORGED_ANSWER, "forged"));
    cache.serve(query("ede.example.org.", Type.A), next);
    assertNull(cache.serveWire(query("ede.example.org.", Type.A), next, ROOM));

    next.answerWith(ScriptedChain.addresses(300, "192.0.2.1"));
    cache.serve(query("www.example.org.", Type.A), next);
    byte[] wire = cache.serveWire(query("www.example.org.", Type.A), next, ROOM);
    assertNotNull(wire);
    assertNull(cache.serveWire(query("www.example.org.", Type.A), next, wire.length - 1));
    assertNotNull(cache.serveWire(query("www.example.org.", Type.A), next, wire.length));
    assertEquals(2, (int) fixture.metrics.successHits.get());
  }

  /**
   * The reply-wire fuzz target's finding: dnsjava parses a WKS record without services (an
   * upstream's reply) but cannot write it, so the cache cannot keep such a reply in wire form.
   * It passes it on as it came, uncached, as it passes on any reply it does not keep.
   */
  @Test
  void aReplyThatDnsjavaCannotWriteIsPassedOnUncached() throws Exception {
    CacheHandler cache = fixture.handler("cache");
    next.answerWith(request -> {
      Message reply = ScriptedChain.addresses(300, "192.0.2.1").answer(request);
      reply.addRecord(new WKSRecord(Name.fromString("www.example.org."), DClass.IN, 300,
          InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1}), 6, new int[0]), Section.ANSWER);
      return reply;
    });

    Message reply = cache.serve(query("www.example.org.", Type.A), next);

    assertEquals(2, reply.getSection(Section.ANSWER).size());
    assertNull(cache.serveWire(query("www.example.org.", Type.A), next, ROOM));
    cache.serve(query("www.example.org.", Type.A), next);
    assertEquals(2, next.calls(), "nothing was kept");
    assertEquals(List.of(0L, 0L), cache.sizes());
  }

  @Test
  void aNameOutsideTheZonesIsNotLookedAt() throws Exception {
    CacheHandler cache = fixture.handler("cache 300 example.org");
    assertNull(cache.serveWire(query("www.example.net.", Type.A), next, ROOM));
    assertEquals(0, (int) fixture.metrics.requests.get());
  }

  @Test
  void aWireHitStartsTheDuePrefetch() throws Exception {
    CacheHandler cache = fixture.handler("cache {\n prefetch 1 10m 10%\n}");
    cache.serve(query("www.example.org.", Type.A), next);
    fixture.ticker.advanceSeconds(280);

    assertNotNull(cache.serveWire(query("www.example.org.", Type.A), next, ROOM));

    assertEquals(2, next.calls());
    assertEquals(1, (int) fixture.metrics.prefetches.get());
  }
}
