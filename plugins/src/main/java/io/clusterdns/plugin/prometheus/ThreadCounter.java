package io.clusterdns.plugin.prometheus;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A counter family counted in {@link ThreadCells}: a query adds one to a cell of its thread's
 * array, and a scrape adds the threads' cells up into the Prometheus client's {@link
 * CounterSnapshot}, which the client's exposition writes. For counters on the query path, where
 * the client's own {@code Counter} costs atomic additions on shared cells per increment.
 */
public final class ThreadCounter implements Collector {
  private final MetricMetadata metadata;
  private final String[] labelNames;
  private final ConcurrentHashMap<List<String>, Series> series = new ConcurrentHashMap<>();

  private record Series(Labels labels, int cell, long createdMillis) {}

  private ThreadCounter(MetricMetadata metadata, String[] labelNames) {
    this.metadata = metadata;
    this.labelNames = labelNames.clone();
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

  /**
   * The cell of the series with these label values, made (at zero) the first time; not for the
   * query path: resolve it once and keep it.
   */
  public int series(String... labelValues) {
    if (labelValues.length != labelNames.length) {
      throw new IllegalArgumentException(metadata.getName() + " has labels " + List.of(labelNames)
          + ", got values " + List.of(labelValues));
    }
    return series.computeIfAbsent(List.of(labelValues), values -> new Series(
        Labels.of(labelNames, labelValues), ThreadCells.allocate(1), System.currentTimeMillis())).cell();
  }

  @Override
  public CounterSnapshot collect() {
    long[] totals = ThreadCells.totals();
    List<CounterDataPointSnapshot> points = new ArrayList<>(series.size());
    for (Series one : series.values()) {
      points.add(new CounterDataPointSnapshot(totals[one.cell()], one.labels(), null, one.createdMillis()));
    }
    return new CounterSnapshot(metadata, points);
  }

  @Override
  public String getPrometheusName() {
    return metadata.getPrometheusName();
  }

  @Override
  public MetricType getMetricType() {
    return MetricType.COUNTER;
  }

  @Override
  public Set<String> getLabelNames() {
    return Set.of(labelNames);
  }

  @Override
  public MetricMetadata getMetadata() {
    return metadata;
  }
}
