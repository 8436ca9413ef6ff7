package io.clusterdns.testing;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.xbill.DNS.Type;

/**
 * A fault the test server injects into its answers to the queries that match a name pattern and
 * a type: {@code Fault.on("nginx-service.*").type(Type.AAAA).drop()}. A fault applies to every
 * matching query, or to the first {@link #times} of them. Immutable.
 *
 * @param pattern a glob matched against the whole query name, without its trailing dot and
 *     ignoring case; {@code *} stands for any run of characters, dots included
 * @param type the query type it applies to ({@link Type}), or 0 for every type
 * @param times how many queries it applies to, or -1 for all
 */
public record Fault(String pattern, int type, Action action, Duration delay, int times) {

  /** What happens to a matching query. */
  public enum Action {
    /** No reply at all: the client times out. */
    DROP,
    /** The real reply, sent {@link #delay} late. */
    DELAY,
    /** An empty SERVFAIL reply. */
    SERVFAIL,
    /** An empty NXDOMAIN reply. */
    NXDOMAIN,
    /** An empty REFUSED reply. */
    REFUSED,
    /**
     * Over UDP, the reply without its records and with TC set (rcode, AA and RA kept, as a server
     * truncates), so the client retries over TCP; TCP is not affected.
     */
    TRUNCATE,
    /** The real reply with an ID other than the query's, which a client must ignore. */
    WRONG_ID,
    /**
     * An empty NOERROR reply with neither AA nor RA, as a lame server sends: glibc and Go take it
     * for no answer and ask again; musl, c-ares and dnsjava take it for NODATA.
     */
    LAME
  }

  public Fault {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(delay, "delay");
    if (times == 0 || times < -1) {
      throw new IllegalArgumentException("times must be positive (or -1 for always), got " + times);
    }
  }

  /** The queries a fault will apply to: name glob first, then optionally {@link Target#type}. */
  public static Target on(String pattern) {
    return new Target(pattern, 0);
  }

  /** The same fault for only the first {@code n} matching queries. */
  public Fault times(int n) {
    return new Fault(pattern, type, action, delay, n);
  }

  /** The pattern as a regular expression over lower-case names. */
  Pattern regex() {
    StringBuilder regex = new StringBuilder();
    for (String part : pattern.toLowerCase(Locale.ROOT).split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append(".*");
      }
      // Pattern.quote("") is not empty, so every part after the first is preceded by ".*".
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  @Override
  public String toString() {
    return action + (action == Action.DELAY ? " " + delay.toMillis() + "ms" : "") + " on " + pattern
        + (type == 0 ? "" : " " + Type.string(type)) + (times < 0 ? "" : " ×" + times);
  }

  /** A name pattern and type, waiting for the action. */
  public record Target(String pattern, int type) {
    public Target {
      Objects.requireNonNull(pattern, "pattern");
      if (pattern.endsWith(".") && pattern.length() > 1) {
        pattern = pattern.substring(0, pattern.length() - 1);
      }
    }

    /** Only queries of this type ({@code Type.AAAA}); all types unless called. */
    public Target type(int queryType) {
      Type.check(queryType);
      return new Target(pattern, queryType);
    }

    public Fault drop() {
      return fault(Action.DROP, Duration.ZERO);
    }

    public Fault delay(Duration by) {
      if (by.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative, got " + by);
      }
      return fault(Action.DELAY, by);
    }

    public Fault servfail() {
      return fault(Action.SERVFAIL, Duration.ZERO);
    }

    public Fault nxdomain() {
      return fault(Action.NXDOMAIN, Duration.ZERO);
    }

    public Fault refused() {
      return fault(Action.REFUSED, Duration.ZERO);
    }

    public Fault truncate() {
      return fault(Action.TRUNCATE, Duration.ZERO);
    }

    public Fault wrongId() {
      return fault(Action.WRONG_ID, Duration.ZERO);
    }

    public Fault lame() {
      return fault(Action.LAME, Duration.ZERO);
    }

    private Fault fault(Action action, Duration delay) {
      return new Fault(pattern, type, action, delay, -1);
    }
  }
}
