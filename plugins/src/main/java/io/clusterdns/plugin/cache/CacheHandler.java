package io.clusterdns.plugin.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.clusterdns.plugin.AsyncHandler;
import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.SetupContext;
import io.clusterdns.plugin.WireHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/**
 * The cache plugin at query time. A query for a name in its zones is answered from the denial
 * or the success cache when an entry is there, fresh (or stale within serve_stale) and computed
 * from the current cluster view; otherwise the next plugin answers and the reply is cached.
 * Refreshes in the background (prefetch, serve_stale) are {@link CacheRefresher}'s.
 */
final class CacheHandler implements Handler, AsyncHandler, WireHandler, Lifecycle {
  private final CacheOptions options;
  private final SetupContext context;
  private final Name[] zones;
  private final Ticker ticker;
  private final CacheRefresher refresher;
  private final CacheMetrics metrics;
  private final CacheTiers tiers;
  private volatile ClusterGenerations generations = ClusterGenerations.NONE;
  private volatile ClientScopes scopes = ClientScopes.NONE;

  CacheHandler(
      CacheOptions options,
      SetupContext context,
      Ticker ticker,
      Executor maintenance,
      Executor refresher,
      CacheMetrics metrics) {
    this.options = options;
    this.context = context;
    this.zones = options.zones().toArray(new Name[0]);
    this.ticker = ticker;
    this.metrics = metrics;
    this.tiers = new CacheTiers(options, ticker, maintenance, metrics);
    this.refresher = new CacheRefresher(options, tiers, refresher);
  }

  /** The handler a Corefile gets: the system clock, and threads that start on first refresh. */
  static CacheHandler create(CacheOptions options, SetupContext context) {
    return new CacheHandler(
        options, context, Ticker.systemTicker(), ForkJoinPool.commonPool(), CacheRefresher.threads(),
        CacheMetrics.of(context, options.zones()));
  }

  @Override
  public void start() {
    generations = ClusterGenerations.of(context);
    scopes = ClientScopes.of(context);
  }

  @Override
  public void close() {
    refresher.close();
  }

  @Override
  public Message serve(Request request, Chain next) throws Exception {
    if (!CacheTiers.within(request.qname(), zones)) {
      return next.next(request);
    }
    Probe probe = probe(request);
    if (probe.entry == null) {
      return answer(request, probe.key, next.next(request), probe.generation);
    }
    if (probe.remaining > 0 || !options.verifyStale()) {
      return fromEntry(request, next, probe);
    }
    Message fresh = verified(request, probe.key, () -> next.next(request), null);
    return fresh != null ? fresh : stale(probe.entry, request, probe.key);
  }

  /**
   * {@link #serve} for a next plugin that answers later (forward over UDP): a hit is answered
   * at once, a miss is stored when the reply comes, on the thread that brings it.
   */
  @Override
  public CompletionStage<Message> serveAsync(Request request, Chain next) {
    if (!CacheTiers.within(request.qname(), zones)) {
      return next.nextAsync(request);
    }
    Probe probe = probe(request);
    if (probe.entry == null) {
      return next.nextAsync(request).thenApply(reply -> answer(request, probe.key, reply, probe.generation));
    }
    if (probe.remaining > 0 || !options.verifyStale()) {
      return CompletableFuture.completedFuture(fromEntry(request, next, probe));
    }
    return next.nextAsync(request).handle((reply, error) -> {
      Message fresh = verified(request, probe.key, () -> reply, error);
      return fresh != null ? fresh : stale(probe.entry, request, probe.key);
    });
  }

  /**
   * A fresh hit in wire form, for the server to send as it is; null (counting nothing) for a
   * miss, a stale entry, an entry with Extended DNS Errors (which go in the server's OPT) or one
   * longer than {@code maxLength}: {@link #serve} or {@link #serveAsync} answers those.
   */
  @Override
  public byte[] serveWire(Request request, Chain next, int maxLength) {
    if (!CacheTiers.within(request.qname(), zones)) {
      return null;
    }
    Probe probe = peek(request);
    CachedReply entry = probe.entry;
    if (entry == null || probe.remaining <= 0 || entry.hasErrors() || entry.length() > maxLength) {
      return null;
    }
    count(probe);
    prefetchIfDue(request, next, probe);
    return entry.toWire(request, probe.key, options.keepTtl() ? entry.ttl() : probe.remaining);
  }

  /**
   * What the cache holds for a request: a servable entry (or null), how long it has left, and
   * whether it came from the denial cache.
   */
  private record Probe(CacheKey key, long generation, long now, CachedReply entry, long remaining, boolean denied) {}

  private Probe probe(Request request) {
    Probe probe = peek(request);
    count(probe);
    return probe;
  }

  /** The probe of {@code request}, not counted yet. */
  private Probe peek(Request request) {
    Name qname = request.qname();
    // The generation is read before the scope: a scope from a newer cluster view than the
    // generation files the reply under a generation that is already stale, never the reverse.
    long generation = generations.of(qname);
    CacheKey key = CacheKey.of(request, scopes.of(request));
    long now = ticker.read();
    // Denial first, as in CoreDNS.
    CachedReply entry = tiers.denial(key, now, generation);
    boolean denied = entry != null;
    if (entry == null) {
      entry = tiers.success(key, now, generation);
    }
    return new Probe(key, generation, now, entry, entry == null ? 0 : entry.remaining(now), denied);
  }

  private void count(Probe probe) {
    metrics.requests.inc();
    if (probe.entry == null) {
      metrics.misses.inc();
    } else if (probe.denied) {
      metrics.denialHits.inc();
    } else {
      metrics.successHits.inc();
    }
  }

  /** The reply from a fresh entry (prefetched when due), or from a stale one being refreshed. */
  private Message fromEntry(Request request, Chain next, Probe probe) {
    CachedReply entry = probe.entry;
    if (probe.remaining > 0) {
      prefetchIfDue(request, next, probe);
      return entry.toReply(request, probe.key, options.keepTtl() ? entry.ttl() : probe.remaining);
    }
    // CoreDNS counts the refresh of a stale entry as a prefetch too.
    metrics.prefetches.inc();
    refresher.refresh(request, next, probe.key, entry, generations);
    return stale(entry, request, probe.key);
  }

  private void prefetchIfDue(Request request, Chain next, Probe probe) {
    if (refresher.prefetchDue(probe.entry, probe.now, probe.remaining)) {
      metrics.prefetches.inc();
      refresher.refresh(request, next, probe.key, probe.entry, generations);
    }
  }

  private Message stale(CachedReply entry, Request request, CacheKey key) {
    metrics.servedStale.inc();
    return Replies.withExtendedError(
        entry.toReply(request, key, 0), ExtendedErrorCodeOption.STALE_ANSWER, "Stale Answer");
  }

  /** The next plugin's reply, or how it failed. */
  @FunctionalInterface
  private interface Asked {
    Message reply() throws Exception;
  }

  /**
   * The next plugin's reply while a stale entry waits (serve_stale verify): it wins when it is
   * NOERROR or NXDOMAIN (RFC 8767 section 4), else null and the stale entry is served.
   */
  private Message verified(Request request, CacheKey key, Asked asked, Throwable error) {
    if (error != null) {
      // Nothing to report: an upstream failure is what serve_stale is for, the entry answers.
      return null;
    }
    try {
      Message reply = asked.reply();
      int rcode = reply.getRcode();
      if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
        return answer(request, key, reply, generations.of(request.qname()));
      }
    } catch (Exception e) {
      // As above: the entry answers.
    }
    return null;
  }

  /** What the client gets for a fresh reply: the cached form when it was cached, else as is. */
  private Message answer(Request request, CacheKey key, Message reply, long generation) {
    CachedReply stored = tiers.remember(request, key, reply, generation);
    return stored == null ? reply : stored.toReply(request, key, stored.ttl());
  }

  /** Entries held by the success and the denial cache, for tests and measurement. */
  List<Long> sizes() {
    return tiers.sizes();
  }

  /** Bytes the success and the denial cache count against their budgets, for tests. */
  List<Long> weights() {
    return tiers.weights();
  }
}
