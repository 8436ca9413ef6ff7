package io.clusterdns.server;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How long each step of a start took, for the log line that says when the server answers: the
 * first thing to read when a start is slow (a probe that fails, a rollout that stalls).
 */
final class StartupTimes {
  /** A plugin whose start took this long is named in its step (kubernetes loading a cluster). */
  static final long NOTABLE_PLUGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final LongSupplier nanoTime;
  private final long begin;
  // Appended rather than joined with +: each new shape of string concatenation spins
  // method-handle classes at its first use, which a start would pay for its own timing.
  private final StringBuilder steps = new StringBuilder();
  private final StringBuilder plugins = new StringBuilder();
  private long last;

  StartupTimes() {
    this(System::nanoTime);
  }

  StartupTimes(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.begin = nanoTime.getAsLong();
    this.last = begin;
  }

  /** Times the start of one plugin, the last {@code nanos} before now; named when notable. */
  void plugin(String name, long nanos) {
    if (nanos >= NOTABLE_PLUGIN_NANOS) {
      plugins.append(plugins.length() == 0 ? " (" : ", ").append(name).append(' ')
          .append(millis(nanos)).append(" ms");
    }
  }

  /** Ends a step: the time since the previous one, with the notable plugins timed meanwhile. */
  void step(String name) {
    long now = nanoTime.getAsLong();
    steps.append(steps.length() == 0 ? "" : ", ").append(name).append(' ')
        .append(millis(now - last)).append(" ms");
    if (plugins.length() > 0) {
      steps.append(plugins).append(')');
      plugins.setLength(0);
    }
    last = now;
  }

  /** The line to log once the listeners are bound: the whole, then each step. */
  String summary() {
    return new StringBuilder("started in ").append(millis(last - begin)).append(" ms: ")
        .append(steps).toString();
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
