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

  /** Starts the warm-up; returns at once. */
  static void begin() {
    Thread thread = new Thread(StartWarmup::run, "start-warmup");
    thread.setDaemon(true);
    thread.start();
  }

  // In the order the start gets to them, with the main thread's CPU time each took there.
  private static void run() {
    try {
      // The Prometheus client's configuration, registry and metric builders: every plugin with
      // metrics and the server's query counters use them (16 ms).
      initialize(PrometheusMetrics.class);
      // The plugins' setups, found by the service loader.
      PluginRegistry.load();
      // Caffeine's first cache finds its generated classes by reflection and calls them through
      // method handles (cache plugin, 20 ms).
      Caffeine.newBuilder().maximumSize(1).build();
      // dnsjava's message header makes a SecureRandom, which loads the security providers: on
      // the thread of the first query, or of the loop plugin's probe.
      initialize(Header.class);
    } catch (RuntimeException | LinkageError e) {
      // The start meets the same problem where it needs the class, and reports it there.
    }
  }

  private static void initialize(Class<?> type) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader());
    } catch (ClassNotFoundException loaded) {
      // Cannot happen: the class literal loaded it.
    }
  }
}
