package io.clusterdns.plugin.prometheus;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link ThreadCounter} and {@link ThreadHistogram} share: a metric family whose series
 * each own a run of {@link ThreadCells} cells, made once per set of label values.
 */
abstract class ThreadFamily implements Collector {
  /** One series: its labels, its first cell, and when it was made (the {@code _created} time). */
  record Series(Labels labels, int base, long createdMillis) {}

  final MetricMetadata metadata;
  private final String[] labelNames;
  private final ConcurrentHashMap<List<String>, Series> series = new ConcurrentHashMap<>();

  ThreadFamily(MetricMetadata metadata, String[] labelNames) {
    this.metadata = metadata;
    this.labelNames = labelNames.clone();
  }

  /** How many cells each series owns. */
  abstract int cellsPerSeries();

  /**
   * The first cell of the series with these label values, made (at zero) the first time; not for
   * the query path: resolve it once and keep it.
   */
  public int series(String... labelValues) {
    if (labelValues.length != labelNames.length) {
      throw new IllegalArgumentException(metadata.getName() + " has labels " + List.of(labelNames)
          + ", got values " + List.of(labelValues));
    }
    return series.computeIfAbsent(List.of(labelValues), values -> new Series(
        Labels.of(labelNames, labelValues), ThreadCells.allocate(cellsPerSeries()),
        System.currentTimeMillis())).base();
  }

  /** Every series made so far, for a scrape. */
  Collection<Series> allSeries() {
    return series.values();
  }

  @Override
  public String getPrometheusName() {
    return metadata.getPrometheusName();
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
