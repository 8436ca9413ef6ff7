package io.clusterdns.plugin.forward;

import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Probes one upstream after a query to it failed, every interval until it answers anything (even
 * SERVFAIL or REFUSED): each failed probe counts towards {@code max_fails}, the first answer
 * clears the count. Upstreams that work are never probed.
 */
final class HealthProbe {
  private final Upstream upstream;
  private final HealthCheck check;
  private final boolean tcp;
  private final int timeoutMillis;
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean running = new AtomicBoolean();

  HealthProbe(Upstream upstream, ForwardOptions options, ScheduledExecutorService scheduler) {
    this.upstream = upstream;
    this.check = options.healthCheck();
    this.tcp = options.forceTcp();
    this.timeoutMillis = (int) options.readTimeout().toMillis();
    this.scheduler = scheduler;
  }

  /** Starts probing unless probing runs already; called on the query path, so it only schedules. */
  void kick() {
    if (running.compareAndSet(false, true)) {
      schedule();
    }
  }

  private void schedule() {
    try {
      scheduler.schedule(this::probe, check.interval().toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The plugin is closing: nothing more to probe.
      running.set(false);
    }
  }

  private void probe() {
    Message query = Message.newQuery(Record.newRecord(check.domain(), Type.NS, DClass.IN));
    if (!check.recursionDesired()) {
      query.getHeader().unsetFlag(Flags.RD);
    }
    try {
      upstream.exchange(query, tcp, timeoutMillis, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
      upstream.healthCheckPassed();
      running.set(false);
    } catch (IOException | RuntimeException e) {
      upstream.healthCheckFailed();
      schedule();
    }
  }
}
