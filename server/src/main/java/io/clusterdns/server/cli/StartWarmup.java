package io.clusterdns.server.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.prometheus.PrometheusMetrics;
import java.io.IOException;
import java.time.Duration;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Prepares, on a daemon thread of its own, what a server's start will need, while the main
 * thread reads the Corefile and sets up the plugins. A start is one thread (main) on a node of
 * typically two cores; the first use of these libraries is mostly class initialization, which
 * the JVM does once, under a lock per class, so here it runs on the second core and the main
 * thread finds it done, or waits for it to finish, never doing it twice. Each step is what the
 * start itself would do first, so nothing changes but where the time goes, and a start that
 * fails (a bad Corefile) fails as before: the thread ends with the JVM.
 */
final class StartWarmup {
  /** A manifest as the kubernetes plugin reads them: a Service's first lines. */
  private static final String MANIFEST = "apiVersion: v1\nkind: Service\nmetadata:\n  name: warm-up\n"
      + "  namespace: default\nspec:\n  clusterIP: 10.96.0.1\n  ports:\n  - port: 443\n";

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
   * Each step, in the order a start gets to it with kubeadm's Corefile; in brackets the CPU time
   * it takes off the start's critical path. The kubernetes plugin's first load begins on a
   * thread of its own right after the Corefile is parsed and the plugins are found (the plugin
   * API's prepare step), before any plugin is set up, and the main thread waits for it once
   * the plugins are started: so its libraries come first, the metrics that the plugins' setup
   * and the main thread need later.
   */
  static void warm() {
    // The plugins' setups, found by the service loader right after the Corefile is parsed (main
    // thread 10 -> 4-6 ms).
    PluginRegistry.load();
    // The libraries of the kubernetes plugin's first load: Jackson's first mapper (its
    // configuration, type factory and date format, about 400 classes), which the manifest
    // reader and fabric8's client both make, and snakeyaml-engine's parser on a manifest (the
    // load's opening 36 -> 6 ms of wall time, the example cluster).
    JsonMapper.builder().build();
    new Parse(LoadSettings.builder().build()).parseString(MANIFEST).forEach(event -> { });
    // The Prometheus client's configuration, registry and metric builders, which every plugin
    // with metrics and the server's query counters use (main thread 16 -> 0-4 ms).
    initialize(PrometheusMetrics.class);
    // Caffeine's first cache finds its generated classes by reflection and calls them through
    // method handles (the cache plugin's setup, main thread 20-23 -> 8-10 ms). Caffeine
    // generates a cache class and a node class per combination of features, so this cache has
    // the features of the cache plugin's (CacheTier: weighed, expiring per entry, listened to),
    // and the setup finds those classes loaded too.
    Caffeine.newBuilder()
        .maximumWeight(1)
        .weigher((Object key, Object value) -> 1)
        .expireAfter(Expiry.writing((Object key, Object value) -> Duration.ZERO))
        .removalListener((key, value, cause) -> { })
        .build();
    // A query read and written as the first query is: dnsjava's message header makes a
    // SecureRandom, which loads the security providers (on the thread of the first query, or of
    // the loop plugin's probe: 22 -> 12-17 ms), and the first record read initializes Type,
    // which loads every record class (the first query's thread 10 -> 4 ms).
    try {
      new Message(Message.newQuery(Record.newRecord(Name.root, Type.A, DClass.IN)).toWire());
    } catch (IOException cannot) {
      // A query dnsjava wrote itself always reads back.
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
