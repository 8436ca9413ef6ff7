package io.clusterdns.plugin.cache;

import static io.clusterdns.plugin.cache.CacheFixture.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * A flood of distinct names never takes either cache past its budgets: CAPACITY entries and
 * CAPACITY KiB. Small replies stop at the count, large ones at the bytes.
 */
class CacheBudgetTest {
  private static final int CAPACITY = 1024;
  private static final long BYTES = CAPACITY * (long) CacheTier.SLOT_BYTES;

  @Test
  void distinctSmallDenialsStopAtTheEntryBudget() throws Exception {
    long seed = System.nanoTime();
    System.out.println("CacheBudgetTest seed " + seed);
    Random random = new Random(seed);
    CacheHandler cache = new CacheFixture().handler("cache {\n success 1024\n denial 1024\n}");
    ScriptedChain next = new ScriptedChain(CacheBudgetTest::nxdomain);
    for (int i = 0; i < 4 * CAPACITY; i++) {
      cache.serve(query(randomLabel(random) + ".example.org.", Type.A), next);
    }
    assertEquals(4 * CAPACITY, next.calls(), "every name was new");
    long entries = cache.sizes().get(1);
    long weight = cache.weights().get(1);
    assertTrue(entries <= CAPACITY && entries > CAPACITY / 2, "denial entries: " + entries);
    assertTrue(weight <= BYTES, "denial bytes: " + weight);
    assertEquals(List.of(0L, 0L), List.of(cache.sizes().get(0), cache.weights().get(0)));
  }

  @Test
  void distinctLargeAnswersStopAtTheByteBudget() throws Exception {
    long seed = System.nanoTime();
    System.out.println("CacheBudgetTest seed " + seed);
    Random random = new Random(seed);
    CacheHandler cache = new CacheFixture().handler("cache {\n success 1024\n}");
    // 20 TXT records of 200 bytes: about 5 KiB an entry, so the bytes run out near 200 entries.
    ScriptedChain next = new ScriptedChain(request -> largeAnswer(request, random));
    for (int i = 0; i < 2 * CAPACITY; i++) {
      cache.serve(query(randomLabel(random) + ".example.org.", Type.TXT), next);
    }
    long entries = cache.sizes().get(0);
    long weight = cache.weights().get(0);
    assertTrue(weight <= BYTES, "success bytes: " + weight);
    assertTrue(weight > BYTES / 2, "the bytes, not the count, bound it: " + weight);
    assertTrue(entries < CAPACITY / 4, "success entries: " + entries);
  }

  private static String randomLabel(Random random) {
    StringBuilder label = new StringBuilder();
    int length = 8 + random.nextInt(12);
    for (int i = 0; i < length; i++) {
      label.append((char) ('a' + random.nextInt(26)));
    }
    return label.toString();
  }

  private static Message nxdomain(Request request) throws Exception {
    Message reply = Replies.error(request, Rcode.NXDOMAIN);
    reply.getHeader().setFlag(Flags.RA);
    reply.addRecord(
        new SOARecord(Name.fromString("example.org."), DClass.IN, 900, Name.fromString("ns1.example.org."),
            Name.fromString("hostmaster.example.org."), 2026120101, 7200, 900, 1209600, 300),
        Section.AUTHORITY);
    return reply;
  }

  private static Message largeAnswer(Request request, Random random) {
    Message reply = Replies.reply(request);
    reply.getHeader().setFlag(Flags.RA);
    for (int i = 0; i < 20; i++) {
      char[] text = new char[200];
      for (int j = 0; j < text.length; j++) {
        text[j] = (char) ('a' + random.nextInt(26));
      }
      reply.addRecord(new TXTRecord(request.qname(), DClass.IN, 300, new String(text)), Section.ANSWER);
    }
    return reply;
  }
}
