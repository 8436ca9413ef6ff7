package io.clusterdns.plugin;

import java.time.Duration;

/**
 * Optional interface of a handler that owns resources: watches, files, HTTP listeners. The
 * server calls {@link #start} once before it takes queries and {@link #close} once at shutdown.
 *
 * <p>A final shutdown (SIGTERM, {@code ClusterDns.close()}) runs in this order: {@link #stopping}
 * on every handler, a wait of the largest {@link #lameduck} while DNS is still answered, the
 * listeners closed after the queries in flight, then {@link #close}. A configuration replaced by
 * a reload is only closed: the process goes on.
 */
public interface Lifecycle extends AutoCloseable {
  default void start() throws Exception {}

  /**
   * The process is about to stop: the server still answers DNS for the lameduck period, but
   * readiness endpoints should now turn away new traffic (the ready plugin answers 503).
   */
  default void stopping() {}

  /**
   * How long the server keeps answering DNS after {@link #stopping} before it closes its
   * listeners, so that load balancers see the process leave first (the health plugin's {@code
   * lameduck}). The server waits the largest value of all handlers.
   */
  default Duration lameduck() {
    return Duration.ZERO;
  }

  @Override
  default void close() {}
}
