package io.clusterdns.server;

import io.clusterdns.config.Corefile;
import io.clusterdns.config.CorefileException;
import io.clusterdns.config.SourceDigest;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.ReloadResult;
import io.clusterdns.plugin.ServerControl;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server behind {@link ClusterDns}: the configuration in use and the listeners of its
 * ports. A reload sets up and starts the new configuration, binds its new ports, swaps it into
 * the processors of the ports that stay (their listeners keep running, so no query is lost),
 * closes the ports that went away, and closes the old plugins once their queries are answered.
 */
final class ServerRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(ServerRuntime.class);
  /** How long a reload waits for queries in the old plugins, as TCP close waits for its workers. */
  private static final Duration RETIRE_GRACE = Duration.ofSeconds(5);

  /** What the builder fixed for the server's whole life. */
  record Settings(
      PluginRegistry registry,
      int defaultPort,
      Path baseDirectory,
      InetAddress bindAddress,
      int udpWorkers,
      int udpThreads,
      TcpSettings tcpSettings,
      Path corefile,
      Function<String, String> environment,
      Consumer<String> onFatal) {}

  /** The configuration in use and the listeners of its ports, in Corefile order. */
  private record State(Configuration configuration, Map<ListenKey, PortListener> ports) {}

  private final Settings settings;
  private final ServerLookupRouter router = new ServerLookupRouter();
  private final CorefileRereader rereader;
  private final AtomicBoolean fatal = new AtomicBoolean();
  private final Object lock = new Object();
  private volatile State state;
  private volatile boolean stopping;
  private boolean closed;
  /** Set once close() stopped the listeners and plugins: nothing may be asked of them since. */
  private volatile boolean stopped;

  ServerRuntime(Settings settings) {
    this.settings = settings;
    this.rereader =
        new CorefileRereader(settings.corefile(), settings.baseDirectory(), settings.environment());
  }

  /** Sets up every plugin without starting anything. */
  void validate(Corefile corefile) throws CorefileProblems {
    assemble(corefile, null, false);
  }

  /** Sets up and starts the first configuration and binds its ports, timing each step. */
  void start(Corefile corefile, SourceDigest digest, StartupTimes times) throws CorefileProblems, IOException {
    synchronized (lock) {
      Configuration configuration = new Configuration(assemble(corefile, digest, true), digest);
      // After the setup, which prepares the plugins' slow work first (the kubernetes plugin's
      // load), and before any plugin starts, so that no scrape misses it.
      Version.publish();
      times.step("plugin setup");
      try {
        configuration.start(times::plugin);
        times.step("plugin start");
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException("starting plugins failed: " + e.getMessage(), e);
      }
      Map<ListenKey, PortListener> ports = new LinkedHashMap<>();
      try {
        for (Map.Entry<ListenKey, ZoneTable> port : configuration.listeners().entrySet()) {
          ports.put(port.getKey(), bind(port.getKey(), new QueryProcessor(port.getValue(), configuration.inFlight())));
        }
      } catch (IOException | RuntimeException e) {
        ports.values().forEach(PortListener::close);
        configuration.close();
        throw e;
      }
      times.step("listeners");
      state = new State(configuration, ports);
      attach(ports);
      for (PortListener port : ports.values()) {
        LOG.info("serving DNS on {} (udp, tcp)", port.address().udp());
      }
      LOG.info("{}; JVM up {} ms", times.summary(), ManagementFactory.getRuntimeMXBean().getUptime());
    }
  }

  List<ListenerAddress> listeners() {
    return state.ports().values().stream().map(PortListener::address).toList();
  }

  /** Every plugin of the running configuration, block after block in chain order. */
  List<io.clusterdns.plugin.Handler> handlers() {
    return state.configuration().handlers();
  }

  QueryProcessor firstProcessor() {
    if (stopped) {
      throw new IllegalStateException("the server is closed");
    }
    return state.ports().values().iterator().next().processor();
  }

  /** Whether every plugin that reports readiness is ready; false once shutdown began. */
  boolean isReady() {
    return !stopping && state.configuration().isReady();
  }

  /** The directives of the plugins not ready yet, in chain order. */
  List<String> notReady() {
    return state.configuration().notReady();
  }

  /** See {@link ServerControl#reload}. */
  ReloadResult reload() {
    if (settings.corefile() == null) {
      throw new IllegalStateException(
          "the Corefile was given as text, so there is no file to re-read: start the server with"
              + " corefile(Path) to reload it");
    }
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the server is closed");
      }
      CorefileRereader.Reread reread = rereader.reread(state.configuration().digest().hex());
      String hex = reread.hex();
      if (reread.unchanged()) {
        return new ReloadResult(ReloadResult.Outcome.UNCHANGED, hex, List.of());
      }
      if (reread.corefile() == null) {
        return failed(hex, messages(reread.problems()));
      }
      Configuration next;
      try {
        next = new Configuration(assemble(reread.corefile(), reread.digest(), true), reread.digest());
      } catch (CorefileProblems e) {
        return failed(hex, messages(e.problems()));
      }
      try {
        // A reload is not timed: the configuration in use answers meanwhile.
        next.start((name, nanos) -> { });
      } catch (Exception e) {
        return failed(hex, List.of("starting plugins failed: " + e));
      }
      return swap(next, hex);
    }
  }

  private ReloadResult swap(Configuration next, String hex) {
    State old = state;
    Map<ListenKey, PortListener> ports = new LinkedHashMap<>();
    List<PortListener> bound = new ArrayList<>();
    try {
      for (Map.Entry<ListenKey, ZoneTable> port : next.listeners().entrySet()) {
        PortListener kept = old.ports().get(port.getKey());
        if (kept == null) {
          kept = bind(port.getKey(), new QueryProcessor(port.getValue(), next.inFlight()));
          bound.add(kept);
          LOG.info("serving DNS on {} (udp, tcp)", kept.address().udp());
        }
        ports.put(port.getKey(), kept);
      }
    } catch (IOException | RuntimeException e) {
      bound.forEach(PortListener::close);
      next.close();
      return failed(hex, List.of("binding a new port failed: " + e));
    }
    next.listeners().forEach((port, zones) -> {
      if (old.ports().containsKey(port)) {
        ports.get(port).processor().switchTo(zones, next.inFlight());
      }
    });
    state = new State(next, ports);
    attach(ports);
    old.ports().forEach((port, listener) -> {
      if (!ports.containsKey(port)) {
        listener.close();
        LOG.info("stopped serving DNS on {}", listener.address().udp());
      }
    });
    old.configuration().retire(RETIRE_GRACE);
    LOG.info("Running configuration SHA512 = {}", hex);
    return new ReloadResult(ReloadResult.Outcome.RELOADED, hex, List.of());
  }

  private static ReloadResult failed(String hex, List<String> problems) {
    LOG.error("Corefile changed but reload failed, the running configuration stays:\n  {}",
        String.join("\n  ", problems));
    return new ReloadResult(ReloadResult.Outcome.FAILED, hex, problems);
  }

  private static List<String> messages(List<CorefileException> problems) {
    return problems.stream().map(Throwable::getMessage).toList();
  }

  /** See {@link ServerControl#fatal}: logs, then runs the fatal handler once, on its own thread. */
  void fatal(String message) {
    LOG.error(message);
    if (!fatal.compareAndSet(false, true)) {
      return;
    }
    Consumer<String> handler = settings.onFatal() == null ? m -> close() : settings.onFatal();
    Thread thread = new Thread(() -> handler.accept(message), "fatal");
    thread.setDaemon(false);
    thread.start();
  }

  /**
   * Shuts down gracefully: every plugin hears that the server stops (ready turns 503), DNS is
   * still answered for the longest lameduck (health's), then the listeners stop, letting queries
   * in flight finish, then every plugin stops. No reload runs meanwhile.
   */
  void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      stopping = true;
      State current = state;
      if (current == null) {
        return;
      }
      Lameduck.announceAndWait(current.configuration().handlers());
      List<PortListener> ports = new ArrayList<>(current.ports().values());
      for (int i = ports.size() - 1; i >= 0; i--) {
        ports.get(i).close();
      }
      stopped = true;
      current.configuration().close();
    }
  }

  /** @param begin whether the configuration is going to be started (see {@link io.clusterdns.plugin.Lifecycle#begin}) */
  private ServerAssembler.Assembly assemble(Corefile corefile, SourceDigest digest, boolean begin)
      throws CorefileProblems {
    return new ServerAssembler(settings.registry(), settings.defaultPort(), settings.baseDirectory(),
        settings.bindAddress())
        .assemble(corefile, router,
            listener -> new BlockControl(this, settings.corefile(), listener, digest), begin);
  }

  private PortListener bind(ListenKey listener, QueryProcessor processor) throws IOException {
    return PortListener.bind(listener.address(), listener.port(), settings.udpWorkers(), settings.udpThreads(), settings.tcpSettings(),
        processor);
  }

  /** The address the listener {@code key} is bound to, for {@link BlockControl#localAddress}. */
  InetSocketAddress localAddress(ListenKey key) {
    State current = state;
    PortListener bound = current == null ? null : current.ports().get(key);
    if (bound == null) {
      throw new IllegalStateException(key + " is not served (yet)");
    }
    return bound.address().udp();
  }

  private void attach(Map<ListenKey, PortListener> ports) {
    Map<ListenKey, QueryProcessor> processors = new LinkedHashMap<>();
    ports.forEach((port, listener) -> processors.put(port, listener.processor()));
    router.attach(processors);
  }
}
