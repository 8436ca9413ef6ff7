package io.clusterdns.plugin;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A plugin's {@code reload DURATION}: a task (re-reading a file: hosts, loadbalance's weight
 * file) run on a thread of its own every interval after the first, none at all for a zero
 * interval. The scheduler comes from a supplier, so that tests hand in one they control.
 */
public final class PeriodicReload implements AutoCloseable {
  private final Supplier<ScheduledExecutorService> schedulers;
  private ScheduledExecutorService scheduler;

  public PeriodicReload(Supplier<ScheduledExecutorService> schedulers) {
    this.schedulers = schedulers;
  }

  /** A single daemon thread called {@code name}, the scheduler of a running server. */
  public static ScheduledExecutorService daemonThread(String name) {
    return Executors.newSingleThreadScheduledExecutor(
        task -> {
          Thread thread = new Thread(task, name);
          thread.setDaemon(true);
          return thread;
        });
  }

  /** Runs {@code task} every {@code interval}, first after one interval; nothing when zero. */
  public void every(Duration interval, Runnable task) {
    if (!interval.isZero()) {
      scheduler = schedulers.get();
      scheduler.scheduleWithFixedDelay(task, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
