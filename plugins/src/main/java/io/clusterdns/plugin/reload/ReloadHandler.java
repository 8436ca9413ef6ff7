package io.clusterdns.plugin.reload;

import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.PassThrough;
import io.clusterdns.plugin.ReloadResult;
import io.clusterdns.plugin.ServerControl;
import io.clusterdns.plugin.SetupContext;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the Corefile on a schedule and asks the server to reload it when it changed. Passes
 * every query on untouched, so it never stops a block's replies from being cached.
 */
final class ReloadHandler implements PassThrough, Lifecycle {
  private static final Logger LOG = LoggerFactory.getLogger("clusterdns.reload");

  private final ReloadOptions options;
  private final SetupContext context;
  private final ReloadSchedule schedule;
  private ServerControl control;
  private ScheduledExecutorService timer;
  private volatile boolean closed;

  ReloadHandler(ReloadOptions options, SetupContext context, RandomGenerator random) {
    this.options = options;
    this.context = context;
    this.schedule = new ReloadSchedule(options, random);
  }

  ReloadOptions options() {
    return options;
  }

  /**
   * Publishes this configuration's digest and starts checking. Without a Corefile file (text
   * given to the embedded server) there is nothing to check: said once, and nothing scheduled.
   */
  @Override
  public void start() {
    control = context.serverControl();
    if (control.corefile().isEmpty()) {
      LOG.warn("plugin/reload: the Corefile was given as text, not as a file: there is nothing to"
          + " re-read, so it is never reloaded");
      return;
    }
    ReloadMetrics.running(control);
    timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "reload");
      thread.setDaemon(true);
      return thread;
    });
    scheduleNext();
  }

  private void scheduleNext() {
    try {
      timer.schedule(this::checkAndReschedule, schedule.nextDelay().toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closed) {
      // close() ran while this check was reloading: the new configuration has its own timer.
    }
  }

  private void checkAndReschedule() {
    check();
    scheduleNext();
  }

  /**
   * One check: reloads when the Corefile changed. A failed reload is counted here and logged by
   * the server; the running configuration, this one, stays, and so does its version metric.
   */
  ReloadResult.Outcome check() {
    try {
      ReloadResult result = control.reload();
      if (result.outcome() == ReloadResult.Outcome.FAILED) {
        ReloadMetrics.FAILED.inc();
        ReloadMetrics.running(control);
      }
      return result.outcome();
    } catch (RuntimeException e) {
      if (closed) {
        // The server closed while this check waited for it: nothing failed.
        return ReloadResult.Outcome.UNCHANGED;
      }
      LOG.error("plugin/reload: checking the Corefile failed: {}", e.toString(), e);
      ReloadMetrics.FAILED.inc();
      return ReloadResult.Outcome.FAILED;
    }
  }

  /** Stops checking; a check in progress (the reload that retires this plugin) completes. */
  @Override
  public void close() {
    closed = true;
    if (timer != null) {
      timer.shutdown();
    }
  }
}
