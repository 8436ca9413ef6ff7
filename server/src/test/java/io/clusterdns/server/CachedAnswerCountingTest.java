package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.prometheus.PrometheusMetrics;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Issue 8: a cached answer of a block with prometheus is counted without allocating, and the
 * counts of the threads that answered (listener threads come and go) all reach the scrape.
 */
class CachedAnswerCountingTest {
  private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);

  @Test
  void aCachedAnswerIsCountedWithoutAllocating() throws Exception {
    QueryProcessor processor = meteredProcessor(53531);
    byte[] query = DnsProbe.query("a.example.org.", Type.A).toWire();
    processor.process(query, query.length, CLIENT, Transport.UDP, null);
    ByteBuffer out = ByteBuffer.allocateDirect(512);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long[] allocated = new long[2];
    int answers = 100_000;
    // The first round compiles the path; the second is measured.
    for (int round = 0; round < 2; round++) {
      long before = threads.getThreadAllocatedBytes(id);
      for (int i = 0; i < answers; i++) {
        query[0] = (byte) i;
        assertTrue(processor.processCached(query, query.length, Transport.UDP, CLIENT, out));
      }
      allocated[round] = threads.getThreadAllocatedBytes(id) - before;
    }
    // One object per answer would be 1.6 MB at least; what is measured is the JIT's and the
    // measuring's own.
    assertTrue(allocated[1] < 16 * 1024, () -> answers + " counted answers allocated " + allocated[1] + " bytes");
    assertEquals(1 + 2 * answers, requests("dns://127.0.0.1:53531"));
  }

  @Test
  void theCountsOfListenerThreadsThatEndedStay() throws Exception {
    QueryProcessor processor = meteredProcessor(53532);
    byte[] query = DnsProbe.query("a.example.org.", Type.A).toWire();
    int threads = 8;
    int each = 1000;
    for (int t = 0; t < threads; t++) {
      Thread listener = new Thread(() -> {
        ByteBuffer out = ByteBuffer.allocate(512);
        for (int i = 0; i < each; i++) {
          if (!processor.processCached(query, query.length, Transport.UDP, CLIENT, out)) {
            processor.process(query, query.length, CLIENT, Transport.UDP, null);
          }
        }
      });
      listener.start();
      listener.join();
      // Scraped while some threads have ended and others have not started.
      assertEquals((t + 1) * each, requests("dns://127.0.0.1:53532"));
    }
  }

  private static QueryProcessor meteredProcessor(int port) throws Exception {
    BlockChain chain = new BlockChain(List.of("prometheus", "answering"), List.of(new FixedHandlers.PassOn(), new FixedHandlers.Answering()));
    QueryProcessor processor = new QueryProcessor(
        new ZoneTable(Map.of(Name.fromString("example.org."), new ZoneTable.Route("example.org.", chain))),
        new InFlight());
    processor.meter(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return processor;
  }

  private static long requests(String server) {
    return PrometheusMetrics.REQUESTS.collect().getDataPoints().stream()
        .filter(p -> p.getLabels().get("server").equals(server))
        .mapToLong(p -> (long) p.getValue())
        .sum();
  }
}
