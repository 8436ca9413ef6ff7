package io.clusterdns.server;

import java.util.concurrent.TimeUnit;

/**
 * The time limits of a TCP listener's connections, and how often the selector thread looks for
 * connections past them: a whole message must arrive within the message timeout once its first
 * byte has (a byte now and then does not keep a connection open), and a connection without
 * a query for the idle timeout is closed.
 */
final class TcpTimeouts {
  /** What a sweep finds a connection to be. */
  enum Verdict {
    WITHIN_LIMITS,
    /** A message started and did not arrive whole in time. */
    MESSAGE_TOO_SLOW,
    /** Nothing asked, nothing to answer, for the idle timeout. */
    IDLE
  }

  private final long idleNanos;
  private final long messageNanos;
  private final long sweepNanos;
  private final int maxInFlight;

  TcpTimeouts(TcpSettings settings) {
    this.idleNanos = TimeUnit.MILLISECONDS.toNanos(settings.idleTimeoutMillis());
    this.messageNanos = TimeUnit.MILLISECONDS.toNanos(settings.messageTimeoutMillis());
    // An eighth of the shorter limit, within 5–250 ms: a limit is overrun by little, and a
    // listener without connections wakes seldom.
    this.sweepNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(5),
        Math.min(TimeUnit.MILLISECONDS.toNanos(250), Math.min(idleNanos, messageNanos) / 8));
    this.maxInFlight = settings.maxInFlightPerConnection();
  }

  /** How long between two sweeps. */
  long sweepNanos() {
    return sweepNanos;
  }

  Verdict check(TcpConnection connection, long now) {
    if (connection.receiving(maxInFlight)) {
      return now - connection.messageStarted > messageNanos ? Verdict.MESSAGE_TOO_SLOW : Verdict.WITHIN_LIMITS;
    }
    return connection.inFlight == 0 && !connection.parked && now - connection.lastActivity() > idleNanos
        ? Verdict.IDLE : Verdict.WITHIN_LIMITS;
  }
}
