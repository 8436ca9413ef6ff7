package io.clusterdns.plugin.cache;

import static io.clusterdns.plugin.cache.CacheFixture.query;
import static io.clusterdns.plugin.testkit.Queries.answers;
import static io.clusterdns.plugin.testkit.Queries.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class CacheHandlerTest {
  private final CacheFixture fixture = new CacheFixture();
  private final ScriptedChain next = new ScriptedChain(ScriptedChain.addresses(300, "192.0.2.1", "192.0.2.2"));

  @Test
  void secondQueryIsAnsweredFromTheCacheWithTheNewIdAndCountedDownTtls() throws Exception {
    CacheHandler cache = fixture.handler("cache");
    Message first = cache.serve(query("www.example.org.", Type.A), next);
    fixture.ticker.advanceSeconds(10);
    Request again = query("www.example.org.", Type.A);
    Message second = cache.serve(again, next);

    assertEquals(1, next.calls());
    assertEquals(List.of("www.example.org. 300 IN A 192.0.2.1", "www.example.org. 300 IN A 192.0.2.2"), answers(first));
    assertEquals(List.of("www.example.org. 290 IN A 192.0.2.1", "www.example.org. 290 IN A 192.0.2.2"), answers(second));
    assertEquals(again.id(), second.getHeader().getID());
    assertTrue(second.getHeader().getFlag(Flags.RA));
    assertTrue(second.getHeader().getFlag(Flags.RD));
    assertEquals(1, (int) fixture.metrics.successHits.get());
    assertEquals(2, (int) fixture.metrics.requests.get());
    assertEquals(1, (int) fixture.metrics.misses.get());
  }

  @Test
  void entryExpiresWhenItsTtlRunsOut() throws Exception {
    CacheHandler cache = fixture.handler("cache");
    cache.serve(query("www.example.org.", Type.A), next);
    fixture.ticker.advanceSeconds(299);
    cache.serve(query("www.example.org.", Type.A), next);
    assertEquals(1, next.calls());

    fixture.ticker.advanceSeconds(1);
    Message refreshed = cache.serve(query("www.example.org.", Type.A), next);

    assertEquals(2, next.calls());
    assertEquals("www.example.org. 300 IN A 192.0.2.1", answers(refreshed).get(0));
  }

  @Test
  void keepttlServesTheCachedTtl() throws Exception {
    CacheHandler cache = fixture.handler("cache {\n keepttl\n}");
    cache.serve(query("www.example.org.", Type.A), next);
    fixture.ticker.advanceSeconds(100);

    assertEquals("www.example.org. 300 IN A 192.0.2.1", answers(cache.serve(query("www.example.org.", Type.A), next)).get(0));
  }

  @Test
  void everyRecordGetsTheLowestTtlRaisedToTheMinimumAndCapped() throws Exception {
    CacheHandler capped = fixture.handler("cache 30");
    next.answerWith(ScriptedChain.addresses(28800, "192.0.2.1"));
    assertEquals(List.of("a.example.org. 30 IN A 192.0.2.1"), answers(capped.serve(query("a.example.org.", Type.A), next)));

    next.answerWith(ScriptedChain.addresses(0, "192.0.2.1"));
    assertEquals(List.of("b.example.org. 5 IN A 192.0.2.1"), answers(capped.serve(query("b.example.org.", Type.A), next)));

    next.answerWith(request -> {
      Message reply = Replies.reply(request);
      reply.addRecord(new CNAMERecord(request.qname(), DClass.IN, 100, Name.fromConstantString("Target.example.net.")), Section.ANSWER);
      reply.addRecord(new org.xbill.DNS.ARecord(Name.fromConstantString("target.example.net."), DClass.IN, 50,
          java.net.InetAddress.getByName("192.0.2.9")), Section.ANSWER);
      return reply;
    });
    CacheHandler wide = fixture.handler("cache {\n success 1024 600 20\n}");
    // The entry is the reply's wire form, where dnsjava compresses names without regard to case
    // (as the server encodes every reply): the A owner takes the CNAME target's spelling, which
    // is what a client got before the cache kept wire forms too.
    assertEquals(
        List.of("c.example.org. 50 IN CNAME Target.example.net.", "Target.example.net. 50 IN A 192.0.2.9"),
        answers(wide.serve(query("c.example.org.", Type.A), next)));
    next.answerWith(ScriptedChain.addresses(10, "192.0.2.1"));
    assertEquals(List.of("d.example.org. 20 IN A 192.0.2.1"), answers(wide.serve(query("d.example.org.", Type.A), next)));
  }

  @Test
  void negativeAnswersAreCachedForTheSoaMinimum() throws Exception {
    CacheHandler cache = fixture.handler("cache");
    next.answerWith(ScriptedChain.negative(Rcode.NXDOMAIN, 3600, 60));
    Message first = cache.serve(query("gone.example.org.", Type.A), next);
    fixture.ticker.advanceSeconds(59);
    Message cached = cache.serve(query("gone.example.org.", Type.A), next);

    assertEquals(1, next.calls());
    assertEquals(Rcode.NXDOMAIN, cached.getRcode());
    assertEquals(List.of("example.org. 60 IN SOA ns.example.org. hostmaster.example.org. 1 7200 1800 86400 60"),
        section(first, Section.AUTHORITY));
    assertEquals(List.of("example.org. 1 IN SOA ns.example.org. hostmaster.example.org. 1 7200 1800 86400 60"),
        section(cached, Section.AUTHORITY));
    assertEquals(1, (int) fixture.metrics.denialHits.get());

    fixture.ticker.advanceSeconds(1);
    cache.serve(query("gone.example.org.", Type.A), next);
    assertEquals(2, next.calls());
  }

  @Test
  void nodataWithSoaIsCachedAndNxdomainWithoutSoaIsNot() throws Exception {
    CacheHandler cache = fixture.handler("cache");
    next.answerWith(ScriptedChain.negative(Rcode.NOERROR, 30, 300));
    cache.serve(query("www.example.org.", Type.AAAA), next);
    Message nodata = cache.serve(query("www.example.org.", Type.AAAA), next);
    assertEquals(1, next.calls());
    assertEquals(Rcode.NOERROR, nodata.getRcode());
    assertEquals(List.of(), answers(nodata));

    next.answerWith(ScriptedChain.rcode(Rcode.NXDOMAIN));
    cache.serve(query("bare.example.org.", Type.A), next);
    cache.serve(query("bare.example.org.", Type.A), next);
    assertEquals(3, next.calls());
  }

  @Test
  void servfailIsCachedForTheServfailDurationOnly() throws Exception {
    CacheHandler cache = fixture.handler("cache {\n servfail 10s\n}");
    next.answerWith(ScriptedChain.servfail());
    cache.serve(query("broken.example.org.", Type.A), next);
    fixture.ticker.advanceSeconds(9);
    assertEquals(Rcode.SERVFAIL, cache.serve(query("broken.example.org.", Type.A), next).getRcode());
    assertEquals(1, next.calls());

    fixture.ticker.advanceSeconds(1);
    cache.serve(query("broken.example.org.", Type.A), next);
    assertEquals(2, next.calls());

    CacheHandler off = fixture.handler("cache {\n servfail 0s\n}");
    off.serve(query("broken.example.org.", Type.A), next);
    off.serve(query("broken.example.org.", Type.A), next);
    assertEquals(4, next.calls());
  }

  @Test
  void refusedFormerrAndTruncatedRepliesAreNotCached() throws Exception {
    CacheHandler cache = fixture.handler("cache");
    for (ScriptedChain.Script script : List.of(
        ScriptedChain.rcode(Rcode.REFUSED),
        ScriptedChain.rcode(Rcode.FORMERR),
        request -> {
          Message reply = ScriptedChain.addresses(300, "192.0.2.1").answer(request);
          reply.getHeader().setFlag(Flags.TC);
          return reply;
        })) {
      next.answerWith(script);
      int before = next.calls();
      cache.serve(query("www.example.org.", Type.A), next);
      cache.serve(query("www.example.org.", Type.A), next);
      assertEquals(before + 2, next.calls());
    }
  }

  @Test
  void doAndCdArePartOfTheKeyButTheNamesCaseIsNot() throws Exception {
    CacheHandler cache = fixture.handler("cache");
    cache.serve(query("www.example.org.", Type.A, false, false), next);
    cache.serve(query("www.example.org.", Type.A, true, false), next);
    cache.serve(query("www.example.org.", Type.A, false, true), next);
    cache.serve(query("www.example.org.", Type.A, true, true), next);
    assertEquals(4, next.calls());

    cache.serve(query("WWW.Example.ORG.", Type.A, true, false), next);
    cache.serve(query("www.example.org.", Type.AAAA, false, false), next);
    assertEquals(5, next.calls());
  }

  @Test
  void questionAndOwnerNamesAreSpelledAsTheCurrentQuery() throws Exception {
    CacheHandler cache = fixture.handler("cache");
    cache.serve(query("www.example.org.", Type.A), next);
    Request mixed = query("wWw.ExAmPlE.oRg.", Type.A);
    Message reply = cache.serve(mixed, next);

    assertEquals(1, next.calls());
    assertEquals("wWw.ExAmPlE.oRg.", reply.getQuestion().getName().toString());
    assertEquals(List.of("wWw.ExAmPlE.oRg. 300 IN A 192.0.2.1", "wWw.ExAmPlE.oRg. 300 IN A 192.0.2.2"), answers(reply));
  }

  @Test
  void eachReplyIsAFreshCopyThatLaterPluginsMayChange() throws Exception {
    CacheHandler cache = fixture.handler("cache");
    cache.serve(query("www.example.org.", Type.A), next);
    Message served = cache.serve(query("www.example.org.", Type.A), next);
    served.removeAllRecords(Section.ANSWER);

    assertEquals(2, answers(cache.serve(query("www.example.org.", Type.A), next)).size());
  }

  @Test
  void disabledZonesPassThroughUncachedAndOtherNamesStayCached() throws Exception {
    CacheHandler cache = fixture.handler("cache 30 {\n disable success cluster.local\n disable denial cluster.local\n}");
    cache.serve(query("web.default.svc.cluster.local.", Type.A), next);
    cache.serve(query("web.default.svc.cluster.local.", Type.A), next);
    next.answerWith(ScriptedChain.negative(Rcode.NXDOMAIN, 30, 30));
    cache.serve(query("gone.default.svc.cluster.local.", Type.A), next);
    cache.serve(query("gone.default.svc.cluster.local.", Type.A), next);
    assertEquals(4, next.calls());

    cache.serve(query("gone.example.org.", Type.A), next);
    cache.serve(query("gone.example.org.", Type.A), next);
    assertEquals(5, next.calls());
  }

  @Test
  void namesOutsideTheCacheZonesAreNotCached() throws Exception {
    CacheHandler cache = fixture.handler("cache example.org");
    cache.serve(query("www.example.net.", Type.A), next);
    cache.serve(query("www.example.net.", Type.A), next);
    assertEquals(2, next.calls());
    assertEquals(0, (int) fixture.metrics.requests.get());
  }

  @Test
  void aReplyToAnotherQuestionIsDroppedNotCached() throws Exception {
    CacheHandler cache = fixture.handler("cache");
    next.answerWith(request -> ScriptedChain.addresses(300, "192.0.2.1").answer(query("other.example.org.", Type.A)));
    cache.serve(query("www.example.org.", Type.A), next);
    cache.serve(query("www.example.org.", Type.A), next);

    assertEquals(2, next.calls());
    assertEquals(2, (int) fixture.metrics.drops.get());
  }

  @Test
  void capacityBoundsEachCache() throws Exception {
    CacheHandler cache = fixture.handler("cache {\n success 1024\n}");
    for (int i = 0; i < 1500; i++) {
      cache.serve(query("host" + i + ".example.org.", Type.A), next);
    }

    assertTrue(cache.sizes().get(0) <= 1024, "success entries " + cache.sizes().get(0));
    assertTrue(fixture.metrics.successEvictions.get() >= 1500 - 1024);
    assertEquals(cache.sizes().get(0), (long) fixture.metrics.successEntries.get());
    assertFalse(cache.sizes().get(0) < 900, "the cache should stay nearly full");
  }
}
