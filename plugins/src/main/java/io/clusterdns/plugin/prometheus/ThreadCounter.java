package io.clusterdns.plugin.prometheus;

import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * A counter family counted in {@link ThreadCells}: a query adds one to a cell of its thread's
 * array, and a scrape adds the threads' cells up into the Prometheus client's {@link
 * CounterSnapshot}, which the client's exposition writes. For counters on the query path, where
 * the client's own {@code Counter} costs atomic additions on shared cells per increment.
 */
public final class ThreadCounter extends ThreadFamily {
  private ThreadCounter(MetricMetadata metadata, String[] labelNames) {
    super(metadata, labelNames);
  }

  /**
   * A counter named {@code name} (with its {@code _total}, as scraped) registered in {@code registry}.
   */
  static ThreadCounter register(PrometheusRegistry registry, String name, String help, String... labelNames) {
    String base = name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
    ThreadCounter counter = new ThreadCounter(new MetricMetadata(base, help), labelNames);
    registry.register(counter);
    return counter;
  }

  @Override
  int cellsPerSeries() {
    return 1;
  }

  @Override
  public CounterSnapshot collect() {
    long[] totals = ThreadCells.totals();
    List<CounterDataPointSnapshot> points = new ArrayList<>();
    for (Series one : allSeries()) {
      points.add(new CounterDataPointSnapshot(totals[one.base()], one.labels(), null, one.createdMillis()));
    }
    return new CounterSnapshot(metadata, points);
  }

  @Override
  public MetricType getMetricType() {
    return MetricType.COUNTER;
  }
}
