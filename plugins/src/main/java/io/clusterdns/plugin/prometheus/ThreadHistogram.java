package io.clusterdns.plugin.prometheus;

import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A classic histogram family counted in {@link ThreadCells}. Values are whole numbers of a unit
 * (nanoseconds, bytes) that the exposition scales ({@code scale}: 1e-9 for seconds); each series
 * has one cell per bucket, its +Inf bucket included, and one for the sum. An observation finds
 * its bucket by comparing with the bounds in order (the usual values fall in the first few) and
 * adds one to that bucket and the value to the sum, in its thread's cells; the count is the sum
 * of the buckets, so the exposition's buckets and count always agree.
 */
public final class ThreadHistogram extends ThreadFamily {
  /** The upper bounds in the recorded unit, without +Inf. */
  private final long[] bounds;
  /** The upper bounds as exposed, with +Inf. */
  private final double[] upperBounds;
  private final double scale;
  private ThreadHistogram(MetricMetadata metadata, String[] labelNames, double[] exposedBounds, double scale) {
    super(metadata, labelNames);
    this.scale = scale;
    this.upperBounds = Arrays.copyOf(exposedBounds, exposedBounds.length + 1);
    this.upperBounds[exposedBounds.length] = Double.POSITIVE_INFINITY;
    this.bounds = new long[exposedBounds.length];
    for (int i = 0; i < exposedBounds.length; i++) {
      // The largest whole value that is still within the bound once scaled.
      bounds[i] = (long) Math.floor(exposedBounds[i] / scale + 1e-6);
    }
  }

  /**
   * A histogram with these upper bounds (as exposed, without +Inf) of values recorded in a unit
   * that {@code scale} turns into the exposed one, registered in {@code registry}.
   */
  static ThreadHistogram register(
      PrometheusRegistry registry, String name, String help, double[] upperBounds, double scale, String... labelNames) {
    ThreadHistogram histogram = new ThreadHistogram(new MetricMetadata(name, help), labelNames, upperBounds, scale);
    registry.register(histogram);
    return histogram;
  }

  /** Bounds that start at {@code start} and grow by {@code factor}, {@code count} of them. */
  static double[] exponentialBounds(double start, double factor, int count) {
    double[] bounds = new double[count];
    for (int i = 0; i < count; i++) {
      bounds[i] = start * Math.pow(factor, i);
    }
    return bounds;
  }

  /** The last cell of the series starting at {@code base}. */
  public int lastCell(int base) {
    return base + cellsPerSeries() - 1;
  }

  @Override
  int cellsPerSeries() {
    return upperBounds.length + 1;
  }

  /** Records {@code value} in the series at {@code base} of the calling thread's {@code cells}. */
  public void observe(long[] cells, int base, long value) {
    int bucket = 0;
    while (bucket < bounds.length && value > bounds[bucket]) {
      bucket++;
    }
    ThreadCells.increment(cells, base + bucket);
    ThreadCells.add(cells, base + upperBounds.length, value);
  }

  @Override
  public HistogramSnapshot collect() {
    long[] totals = ThreadCells.totals();
    List<HistogramDataPointSnapshot> points = new ArrayList<>();
    for (Series one : allSeries()) {
      long[] counts = Arrays.copyOfRange(totals, one.base(), one.base() + upperBounds.length);
      double sum = totals[one.base() + upperBounds.length] * scale;
      points.add(new HistogramDataPointSnapshot(ClassicHistogramBuckets.of(upperBounds, counts), sum,
          one.labels(), Exemplars.EMPTY, one.createdMillis()));
    }
    return new HistogramSnapshot(metadata, points);
  }

  @Override
  public MetricType getMetricType() {
    return MetricType.HISTOGRAM;
  }
}
