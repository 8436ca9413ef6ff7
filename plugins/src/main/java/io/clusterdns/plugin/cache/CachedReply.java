package io.clusterdns.plugin.cache;

import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;

/**
 * One cached reply: what it said, when it was stored and for how long, and the cluster
 * generation it was computed from. The reply itself never changes; the only mutable parts are
 * the prefetch hit count and the flag that allows one refresh at a time, both updated with CAS.
 */
final class CachedReply {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final AtomicIntegerFieldUpdater<CachedReply> REFRESHING =
      AtomicIntegerFieldUpdater.newUpdater(CachedReply.class, "refreshing");
  private static final AtomicReferenceFieldUpdater<CachedReply, Hits> HITS =
      AtomicReferenceFieldUpdater.newUpdater(CachedReply.class, Hits.class, "hits");

  /** The reply in wire form, see {@link ReplyWire}. */
  private final byte[] wire;
  private final List<ExtendedErrorCodeOption> errors;
  private final long ttl;
  private final long storedNanos;
  private final long generation;
  private volatile int refreshing;
  private volatile Hits hits = Hits.NONE;

  /** Hits seen so far and when the last one came, as CoreDNS's {@code freq.Freq}. */
  private record Hits(int count, long lastNanos) {
    static final Hits NONE = new Hits(0, Long.MIN_VALUE);
  }

  /** The entry's own fields and its array's header. */
  private static final int OVERHEAD = 56 + 16;
  /** An Extended DNS Error option object and its text. */
  private static final int ERROR_OVERHEAD = 64;

  private CachedReply(Message reply, long ttl, long storedNanos, long generation) {
    this.wire = ReplyWire.of(reply);
    this.errors = Replies.extendedErrors(reply);
    this.ttl = ttl;
    this.storedNanos = storedNanos;
    this.generation = generation;
  }

  static CachedReply of(Message reply, long ttl, long nowNanos, long generation) {
    return new CachedReply(reply, ttl, nowNanos, generation);
  }

  /** Estimated heap bytes of the entry and its wire form, for the cache's byte budget. */
  int bytes() {
    int total = OVERHEAD + wire.length;
    for (ExtendedErrorCodeOption error : errors) {
      total += ERROR_OVERHEAD + (error.getText() == null ? 0 : error.getText().length());
    }
    return total;
  }

  /** The TTL the entry was stored with, in seconds. */
  long ttl() {
    return ttl;
  }

  long generation() {
    return generation;
  }

  /** How long the entry keeps in Caffeine: its TTL and the time it may be served stale. */
  Duration lifetime(Duration stale) {
    return Duration.ofSeconds(ttl).plus(stale);
  }

  /** Seconds of TTL left at {@code nowNanos}; zero or less once expired. */
  long remaining(long nowNanos) {
    return ttl - (nowNanos - storedNanos) / NANOS_PER_SECOND;
  }

  /**
   * A new reply to {@code request}, looked up with {@code key}, with this entry's content, every record with {@code ttl}:
   * the current query's ID, flags and question, owner names that equal the question spelled as
   * it is. AD is kept only for a client that set DO or AD (RFC 6840 5.7-5.8).
   */
  Message toReply(Request request, CacheKey key, long ttl) {
    Message reply;
    try {
      reply = new Message(toWire(request, key, ttl));
    } catch (IOException e) {
      // The bytes were written by ReplyWire.of from a reply that dnsjava had built or parsed.
      throw new UncheckedIOException("cached reply for " + request.qname() + " does not parse", e);
    }
    for (ExtendedErrorCodeOption error : errors) {
      Replies.withExtendedError(reply, error.getErrorCode(), error.getText());
    }
    return reply;
  }

  /** {@link #toReply} in wire form, without the Extended DNS Errors (see {@link #hasErrors}). */
  byte[] toWire(Request request, CacheKey key, long ttl) {
    return ReplyWire.answer(wire, request, key, ttl, request.dnssecOk() || request.flag(Flags.AD));
  }

  /** Whether the reply carried Extended DNS Errors, which only {@link #toReply} adds. */
  boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** {@code key} with its name read from this entry's question, as the entry is filed. */
  CacheKey filedUnder(CacheKey key) {
    return key.storedIn(wire, ReplyWire.HEADER_LENGTH);
  }

  /** The length of {@link #toWire}. */
  int length() {
    return wire.length;
  }

  /**
   * Counts a hit at {@code nowNanos} and returns the hits so far; a gap of {@code windowNanos}
   * or more since the previous hit starts the count again at one.
   */
  int hit(long nowNanos, long windowNanos) {
    while (true) {
      Hits seen = hits;
      boolean recent = seen.count() > 0 && nowNanos - seen.lastNanos() < windowNanos;
      Hits next = new Hits(recent ? seen.count() + 1 : 1, nowNanos);
      if (HITS.compareAndSet(this, seen, next)) {
        return next.count();
      }
    }
  }

  /** Carries the hit count of the entry this one replaces, so a refreshed entry stays popular. */
  void inheritHits(CachedReply older) {
    hits = older.hits;
  }

  /** Claims the entry's one refresh; false when a refresh is already running. */
  boolean startRefresh() {
    return REFRESHING.compareAndSet(this, 0, 1);
  }

  void endRefresh() {
    refreshing = 0;
  }
}
