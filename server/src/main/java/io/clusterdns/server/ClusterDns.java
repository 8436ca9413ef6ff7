package io.clusterdns.server;

import io.clusterdns.config.Corefile;
import io.clusterdns.config.CorefileException;
import io.clusterdns.config.CorefileParser;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.Readiness;
import io.clusterdns.plugin.Transport;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running ClusterDNS server inside this JVM: the embedded API for tests and tools.
 *
 * <pre>{@code
 * try (ClusterDns dns = ClusterDns.builder()
 *     .corefile("cluster.local { kubernetes { manifests k8s/ } }")
 *     .start()) {
 *   InetSocketAddress udp = dns.udpAddress();   // 127.0.0.1 and an ephemeral port
 *   // point a resolver at udp …
 * }
 * }</pre>
 *
 * Zones without a port in the Corefile are served on the builder's default port, 0 (ephemeral)
 * unless set. {@link #close()} stops the listeners, lets queries in flight finish, and stops
 * every plugin. Several servers may run in one JVM.
 */
public final class ClusterDns implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterDns.class);

  private static final InetSocketAddress IN_PROCESS_CLIENT =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private final List<ListenerAddress> listeners;
  private final List<AutoCloseable> toClose;
  private final List<Handler> handlers;
  private final QueryProcessor firstProcessor;
  private volatile boolean closed;

  private ClusterDns(
      List<ListenerAddress> listeners,
      List<AutoCloseable> toClose,
      List<Handler> handlers,
      QueryProcessor firstProcessor) {
    this.listeners = List.copyOf(listeners);
    this.toClose = toClose;
    this.handlers = List.copyOf(handlers);
    this.firstProcessor = firstProcessor;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every port served, in Corefile order. */
  public List<ListenerAddress> listeners() {
    return listeners;
  }

  /** The UDP address of the first port served. */
  public InetSocketAddress udpAddress() {
    return listeners.get(0).udp();
  }

  /** The TCP address of the first port served. */
  public InetSocketAddress tcpAddress() {
    return listeners.get(0).tcp();
  }

  /**
   * Answers one wire-format query in this thread, as the first port would answer it over UDP
   * from 127.0.0.1, without a socket: for benchmarks and for tests that want the exact bytes.
   * Returns null when the server would send nothing back; a reply that a plugin delays is
   * returned after the delay.
   */
  public byte[] exchange(byte[] query) {
    return firstProcessor.process(query, query.length, IN_PROCESS_CLIENT, Transport.UDP, null);
  }

  /** Whether every plugin that reports readiness (kubernetes: informers synced) is ready. */
  public boolean isReady() {
    for (Handler handler : handlers) {
      if (handler instanceof Readiness && !((Readiness) handler).isReady()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<AutoCloseable> reversed = new ArrayList<>(toClose);
    Collections.reverse(reversed);
    for (AutoCloseable resource : reversed) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("stopping {}: {}", resource, e.toString());
      }
    }
  }

  /** Builds and starts a server. */
  public static final class Builder {
    private static final int EPHEMERAL_BIND_ATTEMPTS = 20;

    private Corefile corefile;
    private String corefileText;
    private Path corefilePath;
    private Path baseDirectory = Path.of("").toAbsolutePath();
    private Function<String, String> environment = System::getenv;
    private int defaultPort = 0;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int udpWorkers = Runtime.getRuntime().availableProcessors();
    private TcpListener.TcpSettings tcpSettings = TcpListener.TcpSettings.defaults();
    private PluginRegistry registry;

    private Builder() {}

    /** The Corefile as text; relative paths in it resolve against {@link #baseDirectory}. */
    public Builder corefile(String text) {
      this.corefileText = Objects.requireNonNull(text);
      return this;
    }

    /** The Corefile as a file; relative paths in it resolve against its directory. */
    public Builder corefile(Path file) {
      this.corefilePath = Objects.requireNonNull(file);
      this.baseDirectory = file.toAbsolutePath().getParent();
      return this;
    }

    /** An already parsed Corefile. */
    public Builder corefile(Corefile parsed) {
      this.corefile = Objects.requireNonNull(parsed);
      return this;
    }

    public Builder baseDirectory(Path directory) {
      this.baseDirectory = directory.toAbsolutePath();
      return this;
    }

    /** Where {@code {$NAME}} in the Corefile text is looked up; the process environment by default. */
    public Builder environment(Function<String, String> environment) {
      this.environment = Objects.requireNonNull(environment);
      return this;
    }

    /** The port for zones that name none; 0 (ephemeral) by default. */
    public Builder defaultPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0–65535, got " + port);
      }
      this.defaultPort = port;
      return this;
    }

    /** The address every listener binds to; the loopback address by default. */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = Objects.requireNonNull(address);
      return this;
    }

    /** How many UDP sockets and threads share each port (SO_REUSEPORT); one per core by default. */
    public Builder udpWorkers(int workers) {
      if (workers < 1) {
        throw new IllegalArgumentException("udpWorkers must be at least 1, got " + workers);
      }
      this.udpWorkers = workers;
      return this;
    }

    /** How long a TCP connection may stay idle before it is closed; 10 s by default. */
    public Builder tcpIdleTimeout(java.time.Duration timeout) {
      if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("tcpIdleTimeout must be positive, got " + timeout);
      }
      tcpSettings = new TcpListener.TcpSettings(tcpSettings.maxConnections(), (int) timeout.toMillis(),
          tcpSettings.workers(), tcpSettings.backlog());
      return this;
    }

    /** How many TCP connections may be open at once per port; 1,024 by default. */
    public Builder maxTcpConnections(int connections) {
      if (connections < 1) {
        throw new IllegalArgumentException("maxTcpConnections must be at least 1, got " + connections);
      }
      tcpSettings = new TcpListener.TcpSettings(connections, tcpSettings.idleTimeoutMillis(),
          tcpSettings.workers(), tcpSettings.backlog());
      return this;
    }

    /** The plugins to set up; those on the class path by default (see PluginRegistry). */
    public Builder plugins(PluginRegistry registry) {
      this.registry = Objects.requireNonNull(registry);
      return this;
    }

    /** Parses the Corefile and sets up every plugin without starting anything. */
    public Corefile validate() throws CorefileException, CorefileProblems {
      Corefile parsed = parse();
      new ServerAssembler(registry(), defaultPort, baseDirectory).assemble(parsed, new ServerLookupRouter());
      return parsed;
    }

    /**
     * Parses the Corefile, sets up and starts every plugin (waiting for the kubernetes plugin's
     * first sync up to its {@code startup_timeout}), and binds the listeners.
     */
    public ClusterDns start() throws CorefileException, CorefileProblems, IOException {
      Corefile parsed = parse();
      ServerLookupRouter router = new ServerLookupRouter();
      ServerAssembler.Assembly assembly =
          new ServerAssembler(registry(), defaultPort, baseDirectory).assemble(parsed, router);
      List<AutoCloseable> toClose = new ArrayList<>();
      List<ListenerAddress> addresses = new ArrayList<>();
      Map<Integer, QueryProcessor> processors = new LinkedHashMap<>();
      try {
        for (Handler handler : assembly.handlers()) {
          if (handler instanceof Lifecycle) {
            Lifecycle lifecycle = (Lifecycle) handler;
            toClose.add(lifecycle);
            lifecycle.start();
          }
        }
        assembly.ports().forEach((port, zones) -> processors.put(port, new QueryProcessor(zones)));
        router.attach(processors);
        for (Map.Entry<Integer, QueryProcessor> entry : processors.entrySet()) {
          addresses.add(bind(entry.getKey(), entry.getValue(), toClose));
        }
      } catch (Exception e) {
        new ClusterDns(addresses, toClose, assembly.handlers(), null).close();
        if (e instanceof IOException) {
          throw (IOException) e;
        }
        if (e instanceof RuntimeException) {
          throw (RuntimeException) e;
        }
        throw new IOException("starting plugins failed: " + e.getMessage(), e);
      }
      for (ListenerAddress address : addresses) {
        LOG.info("serving DNS on {} (udp, tcp)", address.udp());
      }
      QueryProcessor first = processors.values().iterator().next();
      return new ClusterDns(addresses, toClose, assembly.handlers(), first);
    }

    private ListenerAddress bind(int port, QueryProcessor processor, List<AutoCloseable> toClose)
        throws IOException {
      UdpListener udp;
      TcpListener tcp;
      for (int attempt = 1; ; attempt++) {
        udp = UdpListener.bind(new InetSocketAddress(bindAddress, port), udpWorkers, processor);
        try {
          tcp = TcpListener.bind(udp.address(), processor, tcpSettings);
          break;
        } catch (BindException e) {
          udp.close();
          // The kernel picked a UDP port whose number TCP already holds: pick another.
          if (port != 0 || attempt == EPHEMERAL_BIND_ATTEMPTS) {
            throw e;
          }
        }
      }
      toClose.add(udp);
      toClose.add(tcp);
      String name = "dns-" + udp.address().getPort();
      udp.start(name);
      tcp.start(name);
      return new ListenerAddress(port, udp.address(), tcp.address());
    }

    private PluginRegistry registry() {
      if (registry == null) {
        registry = PluginRegistry.load();
      }
      return registry;
    }

    private Corefile parse() throws CorefileException {
      if (corefile != null) {
        return corefile;
      }
      if (corefilePath != null) {
        return CorefileParser.parseFile(corefilePath);
      }
      if (corefileText == null) {
        throw new IllegalStateException("no Corefile given: call corefile(…) first");
      }
      return CorefileParser.parse(corefileText, "Corefile", baseDirectory, environment);
    }
  }
}
