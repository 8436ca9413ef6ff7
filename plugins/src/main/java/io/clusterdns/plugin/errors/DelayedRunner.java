package io.clusterdns.plugin.errors;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay: the only way the errors plugin uses time, so tests can run the
 * pending tasks by hand instead of waiting.
 */
interface DelayedRunner extends AutoCloseable {
  void runAfter(Duration delay, Runnable task);

  /** Drops tasks not yet run. */
  @Override
  void close();

  /** One daemon thread, created on the first task (so nothing starts at setup). */
  static DelayedRunner daemonThread() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "errors-consolidate");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    return of(executor);
  }

  private static DelayedRunner of(ScheduledExecutorService executor) {
    return new DelayedRunner() {
      @Override
      public void runAfter(Duration delay, Runnable task) {
        executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
      }

      @Override
      public void close() {
        executor.shutdownNow();
      }
    };
  }
}
