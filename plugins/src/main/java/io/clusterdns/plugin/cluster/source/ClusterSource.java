package io.clusterdns.plugin.cluster.source;

/**
 * Feeds a {@link io.clusterdns.plugin.cluster.ClusterView} with snapshots: from the
 * Kubernetes API through informers, or from manifest files. Never blocks queries.
 */
public interface ClusterSource extends AutoCloseable {
  /**
   * Starts loading and watching, and waits up to the startup timeout for the first full sync.
   * Returns either way; {@link #synced()} tells which. Failures after start are logged and
   * retried, never thrown.
   */
  void start() throws Exception;

  /** Whether the first full load has completed (the plugin's readiness). */
  boolean synced();

  @Override
  void close();
}
