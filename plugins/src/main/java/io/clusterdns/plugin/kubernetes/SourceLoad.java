package io.clusterdns.plugin.kubernetes;

import io.clusterdns.plugin.cluster.source.ClusterSource;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * The plugin's cluster source, opened and started (its first load of the cluster) on a thread of
 * its own, {@code kubernetes-load}, from {@link #begin}: the load then overlaps the setup and
 * start of the plugins after this one, on another core, and {@link #await} (the plugin's start)
 * waits for it, throwing what opening or starting the source threw.
 */
final class SourceLoad {
  private final Supplier<ClusterSource> opener;
  private volatile ClusterSource source;
  private volatile boolean closed;
  private FutureTask<Void> task;

  /** @param opener opens the source, from the load's thread */
  SourceLoad(Supplier<ClusterSource> opener) {
    this.opener = opener;
  }

  /** Begins the load, once. */
  synchronized void begin() {
    if (task != null) {
      return;
    }
    task = new FutureTask<>(this::load);
    Thread thread = new Thread(task, "kubernetes-load");
    thread.setDaemon(true);
    thread.start();
  }

  private Void load() throws Exception {
    ClusterSource opened = opener.get();
    source = opened;
    try {
      opened.start();
    } finally {
      // A close that came while the source started may have missed what the start opened later.
      if (closed) {
        opened.close();
      }
    }
    return null;
  }

  /** Begins the load unless begun, and returns once the source's start has returned. */
  void await() throws Exception {
    begin();
    try {
      task.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** Closes the source, also while it is still starting. */
  void close() {
    closed = true;
    ClusterSource current = source;
    if (current != null) {
      current.close();
    }
  }
}
