package io.clusterdns.plugin.cache;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes the cache's entries in the background: an entry asked often enough near its end
 * ({@code prefetch}), and a stale entry being served ({@code serve_stale}). At most one refresh
 * per entry runs at a time.
 */
final class CacheRefresher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("clusterdns.cache");
  /** Background refreshes at once; more are skipped, the entry asks again on a later hit. */
  private static final int THREADS = 4;

  private final CacheOptions.Prefetch prefetch;
  private final long prefetchWindowNanos;
  private final CacheTiers tiers;
  private final Executor executor;

  CacheRefresher(CacheOptions options, CacheTiers tiers, Executor executor) {
    this.prefetch = options.prefetch();
    this.prefetchWindowNanos = prefetch.window().toNanos();
    this.tiers = tiers;
    this.executor = executor;
  }

  /** The refresh threads of a Corefile's cache: none until the first refresh. */
  static ExecutorService threads() {
    return new ThreadPoolExecutor(
        0, THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
        task -> {
          Thread thread = new Thread(task, "cache-refresh");
          thread.setDaemon(true);
          return thread;
        });
  }

  /** Counts a hit on {@code entry} and says whether it is now due for a prefetch. */
  boolean prefetchDue(CachedReply entry, long now, long remaining) {
    if (!prefetch.enabled()) {
      return false;
    }
    int hits = entry.hit(now, prefetchWindowNanos);
    long threshold = (entry.ttl() * prefetch.percentage() + 99) / 100;
    return hits >= prefetch.amount() && remaining <= threshold;
  }

  /**
   * Refreshes an entry in the background unless a refresh of it runs already. The request goes
   * as TCP, as in CoreDNS, so no transport limit truncates what is cached.
   */
  void refresh(Request request, Chain next, CacheKey key, CachedReply entry, ClusterGenerations generations) {
    if (!entry.startRefresh()) {
      return;
    }
    Request background = request.transport() == Transport.TCP
        ? request
        : new Request(request.query(), request.remote(), Transport.TCP, request.zone(), request.startNanos());
    try {
      executor.execute(() -> {
        try {
          long generation = generations.of(background.qname());
          CachedReply fresh = tiers.remember(background, key, next.next(background), generation);
          if (fresh != null) {
            fresh.inheritHits(entry);
          }
        } catch (Exception e) {
          LOG.debug("cache: refresh of {} failed: {}", background.qname(), e.toString());
        } finally {
          entry.endRefresh();
        }
      });
    } catch (RejectedExecutionException e) {
      entry.endRefresh();
    }
  }

  @Override
  public void close() {
    if (executor instanceof ExecutorService pool) {
      pool.shutdownNow();
    }
  }
}
