package io.clusterdns.plugin.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Counters and histograms kept in per-thread cells: what threads count is all scraped, also
 * after they end, scrapes never go back, and the client's exposition shows them as it shows its
 * own metrics.
 */
class ThreadCellsTest {
  private final PrometheusRegistry registry = new PrometheusRegistry();

  @Test
  void countsOfManyThreadsAddUpAndStayAfterTheThreadsEnd() throws Exception {
    long seed = System.nanoTime();
    System.out.println("ThreadCellsTest seed " + seed);
    Random random = new Random(seed);
    ThreadCounter counter = ThreadCounter.register(registry, "test_queries_total", "Queries.", "zone");
    ThreadHistogram sizes = ThreadHistogram.register(registry, "test_size_bytes", "Sizes.",
        new double[] {100, 200}, 1, "zone");
    int threads = 6;
    int[] increments = new int[threads];
    long[][] values = new long[threads][];
    for (int t = 0; t < threads; t++) {
      increments[t] = 10_000 + random.nextInt(50_000);
      values[t] = random.longs(1_000 + random.nextInt(5_000), 0, 300).toArray();
    }
    // A scraper running all along: no scrape may show less than one before it.
    AtomicBoolean counting = new AtomicBoolean(true);
    AtomicReference<String> decrease = new AtomicReference<>();
    Thread scraper = new Thread(() -> {
      double last = 0;
      while (counting.get()) {
        double now = counter.collect().getDataPoints().stream().mapToDouble(CounterDataPointSnapshot::getValue).sum();
        if (now < last) {
          decrease.set(last + " then " + now);
        }
        last = now;
      }
    });
    scraper.start();
    List<Thread> workers = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    for (int t = 0; t < threads; t++) {
      int me = t;
      Thread worker = new Thread(() -> {
        start.countDown();
        // Half the threads make their series only after others counted: their arrays grow.
        int cell = counter.series(me % 2 == 0 ? "a" : "b" + me);
        int histogram = sizes.series("z");
        for (int i = 0; i < increments[me]; i++) {
          ThreadCells.increment(ThreadCells.forThread(cell), cell);
        }
        for (long value : values[me]) {
          sizes.observe(ThreadCells.forThread(sizes.lastCell(histogram)), histogram, value);
        }
      });
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    counting.set(false);
    scraper.join();
    assertEquals(null, decrease.get(), "a scrape went back");

    long total = 0;
    long a = 0;
    for (int t = 0; t < threads; t++) {
      total += increments[t];
      a += t % 2 == 0 ? increments[t] : 0;
    }
    // Twice: the first scrape after the threads ended folds their cells into the retired ones.
    for (int scrape = 0; scrape < 2; scrape++) {
      List<CounterDataPointSnapshot> points = counter.collect().getDataPoints();
      assertEquals(1 + threads / 2, points.size());
      assertEquals(total, points.stream().mapToDouble(CounterDataPointSnapshot::getValue).sum());
      assertEquals(a, points.stream().filter(p -> p.getLabels().get("zone").equals("a"))
          .findFirst().orElseThrow().getValue());
      HistogramDataPointSnapshot histogram = sizes.collect().getDataPoints().get(0);
      long[] expected = new long[3];
      long sum = 0;
      for (long[] thread : values) {
        for (long value : thread) {
          expected[value <= 100 ? 0 : value <= 200 ? 1 : 2]++;
          sum += value;
        }
      }
      ClassicHistogramBuckets buckets = histogram.getClassicBuckets();
      for (int i = 0; i < 3; i++) {
        assertEquals(expected[i], buckets.getCount(i), "bucket " + i);
      }
      assertEquals(expected[0] + expected[1] + expected[2], histogram.getCount());
      assertEquals(sum, histogram.getSum());
    }
  }

  @Test
  void aValueOnABoundFallsInThatBucketAndTheExpositionIsTheClientsOwn() throws Exception {
    ThreadCounter counter = ThreadCounter.register(registry, "test_requests_total", "Requests.", "server", "type");
    ThreadHistogram duration = ThreadHistogram.register(registry, "test_duration_seconds", "Durations.",
        ThreadHistogram.exponentialBounds(0.00025, 2, 16), 1e-9, "server");
    int requests = counter.series("dns://:53", "A");
    int base = duration.series("dns://:53");
    long[] cells = ThreadCells.forThread(Math.max(requests, duration.lastCell(base)));
    ThreadCells.increment(cells, requests);
    ThreadCells.increment(cells, requests);
    duration.observe(cells, base, 250_000);      // exactly 0.25 ms: le="2.5E-4"
    duration.observe(cells, base, 250_001);      // just over: le="5.0E-4"
    duration.observe(cells, base, 9_000_000_000L); // past 8.192 s: +Inf only

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PrometheusTextFormatWriter(false).write(out, registry.scrape(), null);
    String text = out.toString(StandardCharsets.UTF_8);
    for (String line : List.of(
        "# TYPE test_requests_total counter",
        "test_requests_total{server=\"dns://:53\",type=\"A\"} 2.0",
        "# TYPE test_duration_seconds histogram",
        "test_duration_seconds_bucket{server=\"dns://:53\",le=\"2.5E-4\"} 1",
        "test_duration_seconds_bucket{server=\"dns://:53\",le=\"5.0E-4\"} 2",
        "test_duration_seconds_bucket{server=\"dns://:53\",le=\"8.192\"} 2",
        "test_duration_seconds_bucket{server=\"dns://:53\",le=\"+Inf\"} 3",
        "test_duration_seconds_count{server=\"dns://:53\"} 3",
        "test_duration_seconds_sum{server=\"dns://:53\"} 9.000500001")) {
      assertTrue(text.contains(line + "\n"), () -> "missing " + line + " in\n" + text);
    }
    assertEquals(requests, counter.series("dns://:53", "A"), "the same labels are the same series");
  }

  @Test
  void countingAllocatesNothing() {
    ThreadCounter counter = ThreadCounter.register(registry, "test_alloc_total", "Allocations.", "x");
    ThreadHistogram sizes = ThreadHistogram.register(registry, "test_alloc_bytes", "Sizes.",
        new double[] {100, 200, 300}, 1, "x");
    int cell = counter.series("y");
    int base = sizes.series("y");
    int highest = Math.max(cell, sizes.lastCell(base));
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long[] allocated = new long[2];
    // The first round compiles the path; the second is measured.
    for (int round = 0; round < 2; round++) {
      long before = threads.getThreadAllocatedBytes(id);
      for (int i = 0; i < 200_000; i++) {
        long[] cells = ThreadCells.forThread(highest);
        ThreadCells.increment(cells, cell);
        sizes.observe(cells, base, i & 511);
      }
      allocated[round] = threads.getThreadAllocatedBytes(id) - before;
    }
    // One object per count would be at least 3.2 MB; the few bytes measured belong to the JIT and
    // the measuring itself.
    assertTrue(allocated[1] < 16 * 1024, () -> "200,000 counts allocated " + allocated[1] + " bytes");
  }
}
