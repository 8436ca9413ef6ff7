package io.clusterdns.plugin.cache;

import static io.clusterdns.plugin.cache.CacheFixture.query;
import static io.clusterdns.plugin.testkit.Queries.answers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** Prefetch and serve_stale: the entries the cache refreshes, and when it serves them expired. */
class CacheRefreshTest {
  private final CacheFixture fixture = new CacheFixture();
  private final ScriptedChain next = new ScriptedChain(ScriptedChain.addresses(100, "192.0.2.1"));

  @Test
  void popularEntryIsRefreshedWhenLittleOfItsTtlIsLeft() throws Exception {
    CacheHandler cache = fixture.handler("cache {\n prefetch 2 1m 50%\n}");
    cache.serve(query("www.example.org.", Type.A), next);
    fixture.ticker.advanceSeconds(10);
    cache.serve(query("www.example.org.", Type.A), next);
    fixture.ticker.advanceSeconds(10);
    cache.serve(query("www.example.org.", Type.A), next);
    assertEquals(1, next.calls(), "two hits, but 80 of 100 s left: no prefetch yet");

    next.answerWith(ScriptedChain.addresses(100, "192.0.2.2"));
    fixture.ticker.advanceSeconds(35);
    Message during = cache.serve(query("www.example.org.", Type.A), next);
    assertEquals(2, next.calls());
    assertEquals(List.of("www.example.org. 45 IN A 192.0.2.1"), answers(during));
    assertEquals(1, (int) fixture.metrics.prefetches.get());

    fixture.ticker.advanceSeconds(1);
    assertEquals(List.of("www.example.org. 99 IN A 192.0.2.2"), answers(cache.serve(query("www.example.org.", Type.A), next)));
    assertEquals(2, next.calls());
  }

  @Test
  void aGapAsLongAsTheWindowStartsTheCountAgain() throws Exception {
    CacheHandler cache = fixture.handler("cache {\n prefetch 2 30s 50%\n}");
    cache.serve(query("www.example.org.", Type.A), next);
    fixture.ticker.advanceSeconds(10);
    cache.serve(query("www.example.org.", Type.A), next);
    fixture.ticker.advanceSeconds(50);
    cache.serve(query("www.example.org.", Type.A), next);

    assertEquals(1, next.calls(), "the 50 s gap reset the count to one hit");
  }

  @Test
  void oneRefreshPerEntryRunsAtATime() throws Exception {
    List<Runnable> queued = new ArrayList<>();
    CacheHandler cache = fixture.handler("cache {\n prefetch 1 1m 50%\n}", new FakeSetupContext("."), queued::add);
    cache.serve(query("www.example.org.", Type.A), next);
    fixture.ticker.advanceSeconds(60);
    cache.serve(query("www.example.org.", Type.A), next);
    cache.serve(query("www.example.org.", Type.A), next);
    assertEquals(1, queued.size());

    queued.remove(0).run();
    assertEquals(2, next.calls());
    fixture.ticker.advanceSeconds(60);
    cache.serve(query("www.example.org.", Type.A), next);
    assertEquals(1, queued.size(), "the refreshed entry inherits the hits and may refresh again");
  }

  @Test
  void staleEntryIsServedWithTtlZeroWhileTheUpstreamIsDown() throws Exception {
    CacheHandler cache = fixture.handler("cache 30 {\n serve_stale 1h\n}");
    cache.serve(query("www.example.org.", Type.A), next);
    next.answerWith(ScriptedChain.failing());
    fixture.ticker.advanceSeconds(40);

    Message stale = cache.serve(query("www.example.org.", Type.A), next);
    assertEquals(List.of("www.example.org. 0 IN A 192.0.2.1"), answers(stale));
    assertEquals(List.of(ExtendedErrorCodeOption.STALE_ANSWER), codes(stale));
    assertEquals(2, next.calls(), "the stale answer triggered one refresh, which failed");
    assertEquals(1, (int) fixture.metrics.servedStale.get());

    fixture.ticker.advanceSeconds(3600 - 10 - 1);
    assertEquals(Rcode.NOERROR, cache.serve(query("www.example.org.", Type.A), next).getRcode());
    fixture.ticker.advanceSeconds(1);
    assertThrows(IOException.class, () -> cache.serve(query("www.example.org.", Type.A), next));
  }

  @Test
  void immediateModeRefreshesAfterServingStale() throws Exception {
    CacheHandler cache = fixture.handler("cache 30 {\n serve_stale 1h immediate\n}");
    cache.serve(query("www.example.org.", Type.A), next);
    next.answerWith(ScriptedChain.addresses(100, "192.0.2.2"));
    fixture.ticker.advanceSeconds(40);

    assertEquals(List.of("www.example.org. 0 IN A 192.0.2.1"), answers(cache.serve(query("www.example.org.", Type.A), next)));
    assertEquals(List.of("www.example.org. 30 IN A 192.0.2.2"), answers(cache.serve(query("www.example.org.", Type.A), next)));
  }

  @Test
  void verifyModeAsksUpstreamFirstAndServesStaleOnlyWhenItFails() throws Exception {
    CacheHandler cache = fixture.handler("cache 30 {\n serve_stale 1h verify\n}");
    cache.serve(query("www.example.org.", Type.A), next);
    fixture.ticker.advanceSeconds(40);

    next.answerWith(ScriptedChain.servfail());
    Message afterServfail = cache.serve(query("www.example.org.", Type.A), next);
    next.answerWith(ScriptedChain.failing());
    Message afterError = cache.serve(query("www.example.org.", Type.A), next);
    assertEquals(List.of("www.example.org. 0 IN A 192.0.2.1"), answers(afterServfail));
    assertEquals(List.of("www.example.org. 0 IN A 192.0.2.1"), answers(afterError));
    assertEquals(3, next.calls());

    next.answerWith(ScriptedChain.addresses(100, "192.0.2.2"));
    Message verified = cache.serve(query("www.example.org.", Type.A), next);
    assertEquals(List.of("www.example.org. 30 IN A 192.0.2.2"), answers(verified));
    assertEquals(List.of(), codes(verified));
  }

  @Test
  void withoutServeStaleAnExpiredEntryIsAMiss() throws Exception {
    CacheHandler cache = fixture.handler("cache 30");
    cache.serve(query("www.example.org.", Type.A), next);
    next.answerWith(ScriptedChain.failing());
    fixture.ticker.advanceSeconds(30);

    assertThrows(IOException.class, () -> cache.serve(query("www.example.org.", Type.A), next));
  }

  private static List<Integer> codes(Message reply) {
    return Replies.extendedErrors(reply).stream().map(ExtendedErrorCodeOption::getErrorCode).toList();
  }
}
