package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.plugin.prometheus.PrometheusMetrics;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** The cached-answer benchmark answers from the reply cache, and counts only with prometheus. */
class CachedAnswerBenchmarkTest {
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void answersFromTheReplyCacheAndCountsOnlyWithPrometheus(boolean metrics) throws Exception {
    CachedAnswerBenchmark benchmark = new CachedAnswerBenchmark();
    benchmark.metrics = metrics;
    benchmark.setUp();
    CachedAnswerBenchmark.Listener listener = new CachedAnswerBenchmark.Listener();
    double before = requests();
    for (int i = 0; i < 3; i++) {
      ByteBuffer out = benchmark.cachedAnswer(listener);
      byte[] wire = new byte[out.remaining()];
      out.get(wire);
      Message reply = new Message(wire);
      assertEquals(Rcode.NOERROR, reply.getRcode());
      assertEquals(1, reply.getSection(Section.ANSWER).size());
    }
    assertEquals(metrics ? 3 : 0, requests() - before);
  }

  /** Every A request of the benchmark's server label, cache misses of the set-up excluded. */
  private static double requests() {
    return PrometheusMetrics.REQUESTS.collect().getDataPoints().stream()
        .filter(p -> p.getLabels().get("server").equals("dns://127.0.0.1:53"))
        .mapToDouble(p -> p.getValue())
        .sum();
  }
}
