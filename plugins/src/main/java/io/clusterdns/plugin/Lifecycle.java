package io.clusterdns.plugin;

import java.time.Duration;

/**
 * Optional interface of a handler that owns resources: watches, files, HTTP listeners. The
 * server calls {@link #begin} once right after the handler is set up, {@link #start} once before
 * it takes queries and {@link #close} once at shutdown.
 *
 * <p>A final shutdown (SIGTERM, {@code ClusterDns.close()}) runs in this order: {@link #stopping}
 * on every handler, a wait of the largest {@link #lameduck} while DNS is still answered, the
 * listeners closed after the queries in flight, then {@link #close}. A configuration replaced by
 * a reload is only closed: the process goes on.
 */
public interface Lifecycle extends AutoCloseable {
  /**
   * The handler's configuration is going to be started: called right after this handler was set
   * up, before the plugins after it are, and never when a Corefile is only validated. Slow work
   * that needs no other plugin (the kubernetes plugin's first load of the cluster) may begin here
   * on a thread of its own, so that it overlaps the other plugins' setup and start on another
   * core; {@link #start} then waits for it and throws what it threw. A handler begun is closed
   * also when it never gets started (another plugin's setup or start failed).
   */
  default void begin() {}

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
