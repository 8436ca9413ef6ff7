package io.clusterdns.plugin.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The success or the denial cache: a bounded Caffeine cache in which each entry expires when its
 * own TTL and the serve_stale window have passed. Caffeine picks what to evict when full.
 */
final class CacheTier {
  private final Cache<CacheKey, CachedReply> entries;
  private final GaugeDataPoint size;
  private final CounterDataPoint evictions;

  CacheTier(
      int capacity,
      Duration stale,
      Ticker ticker,
      Executor executor,
      GaugeDataPoint size,
      CounterDataPoint evictions) {
    this.size = size;
    this.evictions = evictions;
    this.entries = Caffeine.newBuilder()
        .maximumSize(capacity)
        .expireAfter(Expiry.writing((CacheKey key, CachedReply reply) -> reply.lifetime(stale)))
        .ticker(ticker)
        .executor(executor)
        .removalListener(this::removed)
        .build();
  }

  private void removed(CacheKey key, CachedReply reply, RemovalCause cause) {
    if (cause == RemovalCause.SIZE) {
      evictions.inc();
    }
    size.set(entries.estimatedSize());
  }

  CachedReply get(CacheKey key) {
    return entries.getIfPresent(key);
  }

  void put(CacheKey key, CachedReply reply) {
    entries.put(key, reply);
    size.set(entries.estimatedSize());
  }

  void remove(CacheKey key) {
    entries.invalidate(key);
  }

  /** Entries held after pending evictions and expiries have run; for tests and measurement. */
  long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }
}
