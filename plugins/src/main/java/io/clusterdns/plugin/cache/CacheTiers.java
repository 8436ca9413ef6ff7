package io.clusterdns.plugin.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.clusterdns.plugin.Request;
import java.util.List;
import java.util.concurrent.Executor;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * The success and the denial cache together: which reply is filed where and for how long, and
 * which entry a key may be served from.
 */
final class CacheTiers {
  private final CacheOptions options;
  private final Name[] successDisabled;
  private final Name[] denialDisabled;
  private final Ticker ticker;
  private final CacheMetrics metrics;
  private final CacheTier success;
  private final CacheTier denial;
  private final long staleSeconds;

  CacheTiers(CacheOptions options, Ticker ticker, Executor maintenance, CacheMetrics metrics) {
    this.options = options;
    this.successDisabled = options.successDisabled().toArray(new Name[0]);
    this.denialDisabled = options.denialDisabled().toArray(new Name[0]);
    this.ticker = ticker;
    this.metrics = metrics;
    this.success = new CacheTier(
        options.success().capacity(), options.serveStale(), ticker, maintenance,
        metrics.successEntries, metrics.successEvictions);
    this.denial = new CacheTier(
        options.denial().capacity(), options.serveStale(), ticker, maintenance,
        metrics.denialEntries, metrics.denialEvictions);
    this.staleSeconds = options.serveStale().toSeconds();
  }

  /** The denial entry for {@code key} that may be served at {@code now}, or null. */
  CachedReply denial(CacheKey key, long now, long generation) {
    return servable(denial.get(key), now, generation);
  }

  /** The success entry for {@code key} that may be served at {@code now}, or null. */
  CachedReply success(CacheKey key, long now, long generation) {
    return servable(success.get(key), now, generation);
  }

  /** An entry made from the current cluster view, fresh or stale within serve_stale. */
  private CachedReply servable(CachedReply entry, long now, long generation) {
    if (entry == null || entry.generation() != generation) {
      return null;
    }
    long remaining = entry.remaining(now);
    return remaining > 0 || -remaining < staleSeconds ? entry : null;
  }

  /** Caches {@code reply} when it may be cached, and returns the entry or null. */
  CachedReply remember(Request request, CacheKey key, Message reply, long generation) {
    ReplyKind kind = ReplyKind.of(reply, request.qtype());
    if (kind == ReplyKind.UNCACHEABLE) {
      return null;
    }
    if (!answersQuestion(reply, request)) {
      metrics.drops.inc();
      return null;
    }
    long ttl = switch (kind) {
      case SUCCESS -> options.success().clamp(ReplyKind.minimalTtl(reply));
      case DENIAL -> options.denial().clamp(ReplyKind.minimalTtl(reply));
      default -> options.servfail().toSeconds();
    };
    boolean positive = kind == ReplyKind.SUCCESS;
    if (ttl <= 0 || within(request.qname(), positive ? successDisabled : denialDisabled)) {
      return null;
    }
    CachedReply entry;
    try {
      entry = CachedReply.of(reply, ttl, ticker.read(), generation);
    } catch (RuntimeException e) {
      // dnsjava parses some records that it cannot write back (a WKS record without services,
      // from an upstream): a reply the cache cannot hold in wire form goes on uncached.
      return null;
    }
    (positive ? success : denial).put(entry.filedUnder(key), entry);
    // Lookups try denial first: an older entry of the other kind must not shadow this one.
    (positive ? denial : success).remove(key);
    return entry;
  }

  private static boolean answersQuestion(Message reply, Request request) {
    Record question = reply.getQuestion();
    return question != null
        && question.getName().equals(request.qname())
        && question.getType() == request.qtype()
        && question.getDClass() == request.qclass();
  }

  static boolean within(Name qname, Name[] zones) {
    for (Name zone : zones) {
      if (qname.subdomain(zone)) {
        return true;
      }
    }
    return false;
  }

  List<Long> sizes() {
    return List.of(success.size(), denial.size());
  }

  List<Long> weights() {
    return List.of(success.weight(), denial.weight());
  }
}
