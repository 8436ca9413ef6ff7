package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/**
 * The server's reply cache under a flood of distinct names: never more entries than its slots,
 * never more bytes than its budget, and the count of bytes it keeps is the bytes it holds, also
 * with several writers at once.
 */
class ReplyCacheBudgetTest {
  private static final int SLOTS = 1024;

  /** A deterministic chain whose generation never changes, so no entry is ever outdated. */
  private static final BlockChain CHAIN = new BlockChain(List.of("fixed"), List.of(new Fixed()));

  private static final class Fixed implements Handler, Deterministic {
    @Override
    public Message serve(Request request, Chain next) {
      return Replies.refused(request);
    }

    @Override
    public long generation() {
      return 0;
    }
  }

  @Test
  void smallRepliesStopAtTheSlots() {
    Random random = seeded();
    ReplyCache cache = new ReplyCache(SLOTS, 1L << 30);
    for (int i = 0; i < 8 * SLOTS; i++) {
      store(cache, random, 100);
    }
    assertTrue(cache.entries() <= SLOTS && cache.entries() > SLOTS / 2, "entries: " + cache.entries());
    assertEquals(cache.heldBytes(), cache.bytes());
  }

  @Test
  void largeRepliesStopAtTheBytes() {
    Random random = seeded();
    long budget = 256 << 10;
    ReplyCache cache = new ReplyCache(SLOTS, budget);
    for (int i = 0; i < 8 * SLOTS; i++) {
      store(cache, random, 8 << 10);
    }
    assertTrue(cache.bytes() <= budget, "bytes: " + cache.bytes());
    assertTrue(cache.bytes() > budget / 2, "the budget is used: " + cache.bytes());
    assertTrue(cache.entries() <= budget / (8 << 10), "entries: " + cache.entries());
    assertEquals(cache.heldBytes(), cache.bytes());
  }

  @Test
  void aSmallReplyStillReplacesALargeOneWhenTheBytesAreSpent() {
    Random random = seeded();
    long budget = 64 << 10;
    ReplyCache cache = new ReplyCache(SLOTS, budget);
    for (int i = 0; i < SLOTS; i++) {
      store(cache, random, 8 << 10);
    }
    long large = cache.bytes();
    for (int i = 0; i < 8 * SLOTS; i++) {
      store(cache, random, 100);
    }
    assertTrue(cache.entries() > budget / (8 << 10), "small replies took the room of large ones: " + cache.entries());
    assertTrue(cache.bytes() <= budget && large <= budget);
    assertEquals(cache.heldBytes(), cache.bytes());
  }

  @Test
  void concurrentWritersKeepTheBudgetAndTheCount() throws Exception {
    long seed = System.nanoTime();
    System.out.println("ReplyCacheBudgetTest seed " + seed);
    long budget = 128 << 10;
    ReplyCache cache = new ReplyCache(SLOTS, budget);
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        Random random = new Random(seed + w);
        done.add(writers.submit(() -> {
          for (int i = 0; i < 4 * SLOTS; i++) {
            store(cache, random, 50 + random.nextInt(2000));
            assertTrue(cache.bytes() <= budget, "bytes: " + cache.bytes());
          }
        }));
      }
      for (Future<?> writer : done) {
        writer.get();
      }
    } finally {
      writers.shutdownNow();
    }
    assertEquals(cache.heldBytes(), cache.bytes());
  }

  private static Random seeded() {
    long seed = System.nanoTime();
    System.out.println("ReplyCacheBudgetTest seed " + seed);
    return new Random(seed);
  }

  /** Stores a reply of {@code replyLength} bytes to a query for a random name. */
  private static void store(ReplyCache cache, Random random, int replyLength) {
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      name.append((char) ('a' + random.nextInt(26)));
    }
    byte[] query = DnsProbe.query(name + ".example.org.", Type.A).toWire();
    cache.store(query, query.length, CHAIN, 0, new byte[replyLength], null);
  }
}
