package io.clusterdns.plugin;

/**
 * Optional interface of a handler that owns resources: watches, files, HTTP listeners. The
 * server calls {@link #start} once before it takes queries and {@link #close} once at shutdown.
 */
public interface Lifecycle extends AutoCloseable {
  default void start() throws Exception {}

  @Override
  default void close() {}
}
