package io.clusterdns.server.cli;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.prometheus.PrometheusMetrics;
import org.xbill.DNS.Header;

/**
 * Prepares, on a daemon thread of its own, what a server's start will need whatever its Corefile
 * says, while the main thread reads the Corefile and sets up the plugins. A start is one thread
 * (main) on a node of typically two cores; the first use of these libraries is mostly class
 * initialization, which the JVM does once, under a lock per class, so here it runs on the second
 * core and the main thread finds it done, or waits for it to finish, never doing it twice. Each
 * step is what the start itself would do first, so nothing changes but where the time goes, and
 * a start that fails (a bad Corefile) fails as before: the thread ends with the JVM.
 */
final class StartWarmup {
  private StartWarmup() {}

  /** Starts the warm-up on its daemon thread, {@code start-warmup}, and returns that thread. */
  static Thread begin() {
    Thread thread = new Thread(StartWarmup::run, "start-warmup");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void run() {
    try {
      warm();
    } catch (RuntimeException | LinkageError e) {
      // The start meets the same problem where it needs the class, and reports it there.
    }
  }

  /**
   * Each step, in the order the start gets to it; in brackets the main thread's CPU time for that
   * part of the start (kubeadm's Corefile, the image) without the warm-up and with it.
   */
  static void warm() {
    // The Prometheus client's configuration, registry and metric builders, which every plugin
    // with metrics and the server's query counters use (16 -> 0-4 ms).
    initialize(PrometheusMetrics.class);
    // The plugins' setups, found by the service loader (10 -> 4-6 ms).
    PluginRegistry.load();
    // Caffeine's first cache finds its generated classes by reflection and calls them through
    // method handles (the cache plugin's setup, 20-23 -> 8-10 ms).
    Caffeine.newBuilder().maximumSize(1).build();
    // dnsjava's message header makes a SecureRandom, which loads the security providers: on
    // the thread of the first query, or of the loop plugin's probe (its CPU 22 -> 12-17 ms).
    initialize(Header.class);
  }

  private static void initialize(Class<?> type) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader());
    } catch (ClassNotFoundException loaded) {
      // Cannot happen: the class literal loaded it.
    }
  }
}
