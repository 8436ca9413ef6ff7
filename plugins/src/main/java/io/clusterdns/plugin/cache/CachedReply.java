package io.clusterdns.plugin.cache;

import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * One cached reply: what it said, when it was stored and for how long, and the cluster
 * generation it was computed from. The reply itself never changes; the only mutable parts are
 * the prefetch hit count and the flag that allows one refresh at a time, both updated with CAS.
 */
final class CachedReply {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final StoredRecord[] NONE = new StoredRecord[0];
  private static final AtomicIntegerFieldUpdater<CachedReply> REFRESHING =
      AtomicIntegerFieldUpdater.newUpdater(CachedReply.class, "refreshing");
  private static final AtomicReferenceFieldUpdater<CachedReply, Hits> HITS =
      AtomicReferenceFieldUpdater.newUpdater(CachedReply.class, Hits.class, "hits");

  private final int rcode;
  private final boolean authoritative;
  private final boolean recursionAvailable;
  private final boolean authenticated;
  private final StoredRecord[] answer;
  private final StoredRecord[] authority;
  private final StoredRecord[] additional;
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

  /** The entry's own fields and its three record arrays' headers. */
  private static final int OVERHEAD = 80 + 3 * 16;
  /** An Extended DNS Error option object and its text. */
  private static final int ERROR_OVERHEAD = 64;

  private CachedReply(Message reply, long ttl, long storedNanos, long generation) {
    Header header = reply.getHeader();
    this.rcode = reply.getRcode();
    this.authoritative = header.getFlag(Flags.AA);
    this.recursionAvailable = header.getFlag(Flags.RA);
    this.authenticated = header.getFlag(Flags.AD);
    this.answer = records(reply, Section.ANSWER);
    this.authority = records(reply, Section.AUTHORITY);
    this.additional = records(reply, Section.ADDITIONAL);
    this.errors = Replies.extendedErrors(reply);
    this.ttl = ttl;
    this.storedNanos = storedNanos;
    this.generation = generation;
  }

  static CachedReply of(Message reply, long ttl, long nowNanos, long generation) {
    return new CachedReply(reply, ttl, nowNanos, generation);
  }

  /** The records of a section; OPT is left out, it belongs to one hop and the server adds it. */
  private static StoredRecord[] records(Message reply, int section) {
    List<Record> records = reply.getSection(section);
    if (records.isEmpty()) {
      return NONE;
    }
    return records.stream()
        .filter(r -> r.getType() != Type.OPT)
        .map(StoredRecord::of)
        .toArray(StoredRecord[]::new);
  }

  /** Estimated heap bytes of the entry and its records, for the cache's byte budget. */
  int bytes() {
    int total = OVERHEAD + bytes(answer) + bytes(authority) + bytes(additional);
    for (ExtendedErrorCodeOption error : errors) {
      total += ERROR_OVERHEAD + (error.getText() == null ? 0 : error.getText().length());
    }
    return total;
  }

  private static int bytes(StoredRecord[] records) {
    int total = 0;
    for (StoredRecord record : records) {
      total += 8 + record.bytes();
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
   * A new reply to {@code request} with this entry's content, every record with {@code ttl}:
   * the current query's ID, flags and question, owner names that equal the question spelled as
   * it is. AD is kept only for a client that set DO or AD (RFC 6840 5.7-5.8).
   */
  Message toReply(Request request, long ttl) {
    Message reply = Replies.reply(request);
    Header header = reply.getHeader();
    header.setRcode(rcode);
    if (authoritative) {
      header.setFlag(Flags.AA);
    }
    if (recursionAvailable) {
      header.setFlag(Flags.RA);
    }
    if (authenticated && (request.dnssecOk() || request.query().getHeader().getFlag(Flags.AD))) {
      header.setFlag(Flags.AD);
    }
    Name question = request.qname();
    add(reply, answer, Section.ANSWER, question, ttl);
    add(reply, authority, Section.AUTHORITY, question, ttl);
    add(reply, additional, Section.ADDITIONAL, question, ttl);
    for (ExtendedErrorCodeOption error : errors) {
      Replies.withExtendedError(reply, error.getErrorCode(), error.getText());
    }
    return reply;
  }

  private static void add(Message reply, StoredRecord[] records, int section, Name question, long ttl) {
    for (StoredRecord record : records) {
      reply.addRecord(record.toRecord(question, ttl), section);
    }
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
