package io.clusterdns.plugin.cache;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cache plugin under another directive name, on a clock a test moves, for servers started by
 * tests of other modules ({@code PluginRegistry.withExtra}): a cache hit's TTLs then depend on
 * the test alone. Every server set up with one instance shares its clock. Refreshes run on the
 * thread of the hit that starts them, and Caffeine's maintenance on the calling thread, so what
 * the cache holds follows from the queries alone.
 */
public final class FakeClockCacheSetup implements PluginSetup {
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final String name;
  private final FakeTicker ticker = new FakeTicker();

  public FakeClockCacheSetup(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    // Metric labels of this handler alone: twin servers must not count into one series.
    CacheMetrics metrics = new CacheMetrics("dns://:0", name + "-" + INSTANCES.incrementAndGet());
    return new CacheHandler(CacheSetup.parse(directive, context), context, ticker, Runnable::run, Runnable::run, metrics);
  }

  /** Moves the clock of every cache this setup made. */
  public void advanceSeconds(long seconds) {
    ticker.advanceSeconds(seconds);
  }
}
