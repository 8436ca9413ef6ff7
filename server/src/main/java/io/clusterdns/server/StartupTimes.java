package io.clusterdns.server;

import java.util.StringJoiner;
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
  private final StringJoiner steps = new StringJoiner(", ");
  private StringJoiner plugins = newPlugins();
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
      plugins.add(name + " " + millis(nanos) + " ms");
    }
  }

  /** Ends a step: the time since the previous one, with the notable plugins timed meanwhile. */
  void step(String name) {
    long now = nanoTime.getAsLong();
    steps.add(name + " " + millis(now - last) + " ms" + plugins);
    plugins = newPlugins();
    last = now;
  }

  /** The line to log once the listeners are bound: the whole, then each step. */
  String summary() {
    return "started in " + millis(last - begin) + " ms: " + steps;
  }

  private static StringJoiner newPlugins() {
    return new StringJoiner(", ", " (", ")").setEmptyValue("");
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
