package io.clusterdns.plugin.cache;

import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Name;

/**
 * The parsed {@code cache} directive.
 *
 * @param zones the zones whose answers are cached; other names pass through untouched
 * @param success the positive cache: NOERROR answers, delegations and empty NOERROR replies
 * @param denial the negative cache: NXDOMAIN and NODATA with an SOA, and cached SERVFAILs
 * @param prefetch when popular entries are refreshed before they expire; amount 0 is off
 * @param serveStale how long past expiry an entry may still be served; zero is off
 * @param verifyStale whether the next plugin is asked first before a stale entry is served
 * @param servfail how long SERVFAIL and NOTIMP replies are cached; zero is off
 * @param successDisabled zones whose positive answers are not cached
 * @param denialDisabled zones whose negative answers and SERVFAILs are not cached
 * @param keepTtl whether replies keep the TTL they were cached with instead of counting down
 */
public record CacheOptions(
    List<Name> zones,
    Tier success,
    Tier denial,
    Prefetch prefetch,
    Duration serveStale,
    boolean verifyStale,
    Duration servfail,
    List<Name> successDisabled,
    List<Name> denialDisabled,
    boolean keepTtl) {
  /** CoreDNS's default capacity, 256 shards of 39 entries. */
  public static final int DEFAULT_CAPACITY = 9984;
  public static final long DEFAULT_SUCCESS_TTL = 3600;
  public static final long DEFAULT_DENIAL_TTL = 1800;
  public static final long DEFAULT_MIN_TTL = 5;
  public static final Duration DEFAULT_SERVFAIL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_STALE = Duration.ofHours(1);

  public CacheOptions {
    zones = List.copyOf(zones);
    successDisabled = List.copyOf(successDisabled);
    denialDisabled = List.copyOf(denialDisabled);
  }

  /**
   * One of the two caches.
   *
   * @param capacity the most entries it holds
   * @param maxTtl the longest an entry is kept, in seconds, whatever the reply's TTLs say
   * @param minTtl the shortest an entry is kept, in seconds
   */
  public record Tier(int capacity, long maxTtl, long minTtl) {
    /** The TTL an entry gets: the reply's lowest TTL, raised to the minimum, capped. */
    long clamp(long replyTtl) {
      return Math.min(Math.max(replyTtl, minTtl), maxTtl);
    }
  }

  /**
   * Prefetch of popular entries.
   *
   * @param amount hits an entry needs, each within {@code window} of the previous one; 0 is off
   * @param window the longest gap between hits that still counts as popular
   * @param percentage how much of its TTL an entry has left when it is refreshed
   */
  public record Prefetch(int amount, Duration window, int percentage) {
    public static final Prefetch OFF = new Prefetch(0, Duration.ofMinutes(1), 10);

    boolean enabled() {
      return amount > 0;
    }
  }
}
