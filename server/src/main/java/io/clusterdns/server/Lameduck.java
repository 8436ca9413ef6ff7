package io.clusterdns.server;

import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Lifecycle;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first half of a graceful shutdown, while the listeners still answer: every plugin hears
 * that the process stops (ready turns 503), then the server waits the longest lameduck of them
 * (health's), so that load balancers take the instance out before it stops answering.
 */
final class Lameduck {
  private static final Logger LOG = LoggerFactory.getLogger(Lameduck.class);

  private Lameduck() {}

  static void announceAndWait(List<Handler> handlers) {
    Duration longest = Duration.ZERO;
    for (Handler handler : handlers) {
      if (handler instanceof Lifecycle lifecycle) {
        try {
          lifecycle.stopping();
        } catch (RuntimeException e) {
          LOG.warn("telling {} the server stops: {}", handler, e.toString());
        }
        if (lifecycle.lameduck().compareTo(longest) > 0) {
          longest = lifecycle.lameduck();
        }
      }
    }
    if (longest.isZero()) {
      return;
    }
    LOG.info("lameduck: still answering DNS for {} ms before closing the listeners", longest.toMillis());
    try {
      Thread.sleep(longest.toMillis());
    } catch (InterruptedException e) {
      // Asked to hurry: stop now, and let the caller see the interrupt.
      Thread.currentThread().interrupt();
    }
  }
}
