package io.clusterdns.plugin.cache;

import static io.clusterdns.plugin.cache.CacheFixture.query;
import static io.clusterdns.plugin.testkit.Queries.answers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/**
 * The cache in front of a plugin that answers later (forward over UDP): a miss is stored when
 * the reply comes, a hit is answered at once, and serve_stale's verify waits for the reply.
 */
class CacheAsyncTest {
  private final CacheFixture fixture = new CacheFixture();
  private final LaterChain next = new LaterChain();

  /** The next plugin answers {@link #nextAsync} only when the test completes it. */
  private static final class LaterChain implements Chain {
    private CompletableFuture<Message> pending;
    private Request asked;
    private int calls;

    @Override
    public Message next(Request request) {
      throw new AssertionError("the waiting path was taken");
    }

    @Override
    public CompletionStage<Message> nextAsync(Request request) {
      calls++;
      asked = request;
      pending = new CompletableFuture<>();
      return pending;
    }

    void answer(ScriptedChain.Script script) throws Exception {
      pending.complete(script.answer(asked));
    }
  }

  @Test
  void aMissIsStoredWhenTheReplyComesAndTheNextQueryIsAHitAtOnce() throws Exception {
    CacheHandler cache = fixture.handler("cache");
    Request first = query("www.example.org.", Type.A);

    CompletableFuture<Message> reply = cache.serveAsync(first, next).toCompletableFuture();
    assertFalse(reply.isDone());
    next.answer(ScriptedChain.addresses(300, "192.0.2.1"));
    assertEquals(first.id(), reply.get().getHeader().getID());
    assertEquals(List.of("www.example.org. 300 IN A 192.0.2.1"), answers(reply.get()));

    fixture.ticker.advanceSeconds(10);
    CompletableFuture<Message> hit = cache.serveAsync(query("www.example.org.", Type.A), next).toCompletableFuture();
    assertTrue(hit.isDone());
    assertEquals(List.of("www.example.org. 290 IN A 192.0.2.1"), answers(hit.get()));
    assertEquals(1, next.calls);
  }

  @Test
  void verifyingAStaleEntryWaitsForTheReplyAndServesTheEntryWhenItFails() throws Exception {
    CacheHandler cache = fixture.handler("cache {\n serve_stale 1h verify\n}");
    cache.serveAsync(query("www.example.org.", Type.A), next);
    next.answer(ScriptedChain.addresses(30, "192.0.2.1"));
    fixture.ticker.advanceSeconds(60);

    CompletableFuture<Message> stale = cache.serveAsync(query("www.example.org.", Type.A), next).toCompletableFuture();
    assertFalse(stale.isDone());
    next.pending.completeExceptionally(new IOException("read udp 10.0.0.1:53: i/o timeout"));
    assertEquals(ExtendedErrorCodeOption.STALE_ANSWER, Replies.extendedErrors(stale.get()).get(0).getErrorCode());

    CompletableFuture<Message> fresh = cache.serveAsync(query("www.example.org.", Type.A), next).toCompletableFuture();
    next.answer(ScriptedChain.addresses(30, "192.0.2.9"));
    assertEquals(List.of("www.example.org. 30 IN A 192.0.2.9"), answers(fresh.get()));
    assertEquals(List.of(), Replies.extendedErrors(fresh.get()));
  }
}
