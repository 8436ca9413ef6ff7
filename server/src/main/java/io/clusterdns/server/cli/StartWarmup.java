package io.clusterdns.server.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.prometheus.PrometheusMetrics;
import java.io.IOException;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Prepares, on daemon threads of their own, what a server's start will need, while the main
 * thread reads the Corefile and sets up the plugins. A start is one thread (main) on a node of
 * typically two cores; the first use of these libraries is mostly class initialization, which
 * the JVM does once, under a lock per class, so here it runs beside the main thread and the start
 * finds it done, or waits for it to finish, never doing it twice. Each step is what the start
 * itself would do first, so nothing changes but where the time goes, and a start that fails (a
 * bad Corefile) fails as before: the threads end with the JVM.
 */
final class StartWarmup {
  /** A manifest as the kubernetes plugin reads them: a Service's first lines. */
  private static final String MANIFEST = "apiVersion: v1\nkind: Service\nmetadata:\n  name: warm-up\n"
      + "  namespace: default\nspec:\n  clusterIP: 10.96.0.1\n  ports:\n  - port: 443\n";

  private StartWarmup() {}

  /**
   * Starts the warm-up threads: {@code start-warmup} for what every start needs, in the order
   * the main thread gets to it, and {@code start-warmup-cluster} for the kubernetes plugin's
   * first load, which runs on a thread of its own from the plugin's setup and is what the main
   * thread then waits for (README, "Run it in a cluster"). Returns both threads.
   */
  static List<Thread> begin() {
    return List.of(
        start("start-warmup", StartWarmup::warm), start("start-warmup-cluster", StartWarmup::warmCluster));
  }

  private static Thread start(String name, Runnable steps) {
    Thread thread = new Thread(() -> {
      try {
        steps.run();
      } catch (RuntimeException | LinkageError e) {
        // The start meets the same problem where it needs the class, and reports it there.
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
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
    // A query read and written as the first query is: dnsjava's message header makes a
    // SecureRandom, which loads the security providers (on the thread of the first query, or of
    // the loop plugin's probe: its CPU 22 -> 12-17 ms), and the first record read initializes
    // Type, which loads every record class.
    try {
      new Message(Message.newQuery(Record.newRecord(Name.root, Type.A, DClass.IN)).toWire());
    } catch (IOException cannot) {
      // A query dnsjava wrote itself always reads back.
    }
  }

  /**
   * The libraries of the kubernetes plugin's first load: Jackson's first mapper (its
   * configuration, type factory and date format initialize about 400 classes: 30 ms of the
   * load's CPU), which the manifest reader and fabric8's client both make, and snakeyaml-engine's
   * parser on a manifest.
   */
  static void warmCluster() {
    JsonMapper.builder().build();
    new Parse(LoadSettings.builder().build()).parseString(MANIFEST).forEach(event -> { });
  }

  private static void initialize(Class<?> type) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader());
    } catch (ClassNotFoundException loaded) {
      // Cannot happen: the class literal loaded it.
    }
  }
}
