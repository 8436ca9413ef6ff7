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
 *
 * <p>Full means either budget spent: {@code capacity} entries, or {@code capacity} KiB. Caffeine
 * bounds a cache by a count or by a weight, not both, so each entry weighs its estimated heap
 * bytes but at least {@link #SLOT_BYTES}: a cache of small replies (a few hundred bytes each)
 * stops at its count, one of large replies (forwarded TXT or DNSSEC answers of several KiB)
 * stops at its bytes.
 */
final class CacheTier {
  /** Bytes of the budget per entry of capacity; the least an entry weighs. */
  static final int SLOT_BYTES = 1024;

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
        .maximumWeight((long) capacity * SLOT_BYTES)
        .weigher((CacheKey key, CachedReply reply) -> Math.max(SLOT_BYTES, key.bytes() + reply.bytes()))
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
    // A map keeps the key object it has for an equal key, and a stored key's name is in its
    // entry's wire form: the old key goes first, or it would keep the old wire form alive.
    entries.invalidate(key);
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

  /** The weight of the entries held (their bytes, each at least {@link #SLOT_BYTES}); for tests. */
  long weight() {
    entries.cleanUp();
    return entries.policy().eviction().orElseThrow().weightedSize().orElseThrow();
  }
}
