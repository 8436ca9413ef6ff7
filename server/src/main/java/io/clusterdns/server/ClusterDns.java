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
 * unless set. {@link #close()} shuts down gracefully: readiness turns to 503, DNS is still
 * answered for the largest {@code lameduck} of the health plugins, then the listeners stop, the
 * queries in flight finish, and every plugin stops. Several servers may run in one JVM.
 */
public final class ClusterDns implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterDns.class);

  private static final InetSocketAddress IN_PROCESS_CLIENT =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private final List<ListenerAddress> listeners;
  private final List<AutoCloseable> toClose;
  private final List<Handler> handlers;
  private final QueryProcessor firstProcessor;
  private volatile boolean stopping;
  private boolean closed;

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

  /** Every address and port served, in Corefile order. */
  public List<ListenerAddress> listeners() {
    return listeners;
  }

  /** The UDP address of the first address and port served. */
  public InetSocketAddress udpAddress() {
    return listeners.get(0).udp();
  }

  /** The TCP address of the first address and port served. */
  public InetSocketAddress tcpAddress() {
    return listeners.get(0).tcp();
  }

  /**
   * Answers one wire-format query in this thread, as the first port would answer it over UDP
   * from 127.0.0.1, without a socket: for benchmarks and for tests that want the exact bytes.
   * Returns null when the server would send nothing back.
   */
  public byte[] exchange(byte[] query) {
    return firstProcessor.process(query, query.length, IN_PROCESS_CLIENT, Transport.UDP);
  }

  /**
   * Whether every plugin that reports readiness (kubernetes: informers synced) is ready; false
   * once shutdown began.
   */
  public boolean isReady() {
    if (stopping) {
      return false;
    }
    for (Handler handler : handlers) {
      if (handler instanceof Readiness && !((Readiness) handler).isReady()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Shuts down gracefully and returns when done: every plugin is told the process is stopping
   * (ready answers 503 "Shutting down"), DNS is still answered for the largest lameduck of the
   * health plugins, then the listeners stop taking queries, the queries in flight finish, and the
   * plugins stop. A second call, also from another thread, returns once the first is done.
   */
  public void shutdown() {
    close();
  }

  /** The same as {@link #shutdown()}. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopping = true;
    Lameduck.announceAndWait(handlers);
    release();
  }

  /** Closes the listeners (letting queries in flight finish), then the plugins, newest first. */
  private void release() {
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
    private TcpSettings tcpSettings = TcpSettings.defaults();
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

    /**
     * The address the listeners of the server blocks without {@code bind} listen on; the
     * loopback address by default.
     */
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
      tcpSettings = tcpSettings.withIdleTimeoutMillis((int) timeout.toMillis());
      return this;
    }

    /** How many TCP connections may be open at once per port; 1,024 by default. */
    public Builder maxTcpConnections(int connections) {
      if (connections < 1) {
        throw new IllegalArgumentException("maxTcpConnections must be at least 1, got " + connections);
      }
      tcpSettings = tcpSettings.withMaxConnections(connections);
      return this;
    }

    /**
     * How many TCP connections one client address may hold open at once per port; 256 by
     * default. A client at its cap that connects again loses its connection idle longest.
     */
    public Builder maxTcpConnectionsPerClient(int connections) {
      if (connections < 1) {
        throw new IllegalArgumentException("maxTcpConnectionsPerClient must be at least 1, got " + connections);
      }
      tcpSettings = tcpSettings.withMaxConnectionsPerClient(connections);
      return this;
    }

    /**
     * How many queries of one TCP connection may wait for an answer at once; 32 by default. Past
     * it the connection is not read until an answer goes out.
     */
    public Builder maxTcpQueriesInFlight(int queries) {
      if (queries < 1) {
        throw new IllegalArgumentException("maxTcpQueriesInFlight must be at least 1, got " + queries);
      }
      tcpSettings = tcpSettings.withMaxInFlightPerConnection(queries);
      return this;
    }

    /**
     * How many TCP queries of all connections of a port may wait for a worker at once; 1,024 by
     * default. A connection finding the queue full is not read until a query finishes.
     */
    public Builder maxTcpQueriesQueued(int queries) {
      if (queries < 1) {
        throw new IllegalArgumentException("maxTcpQueriesQueued must be at least 1, got " + queries);
      }
      tcpSettings = tcpSettings.withQueueCapacity(queries);
      return this;
    }

    /**
     * How long one whole TCP message, length prefix and body, may take to arrive once its first
     * byte has; 2 s by default.
     */
    public Builder tcpMessageTimeout(java.time.Duration timeout) {
      if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("tcpMessageTimeout must be positive, got " + timeout);
      }
      tcpSettings = tcpSettings.withMessageTimeoutMillis((int) timeout.toMillis());
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
      new ServerAssembler(registry(), defaultPort, baseDirectory, bindAddress)
          .assemble(parsed, new ServerLookupRouter());
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
          new ServerAssembler(registry(), defaultPort, baseDirectory, bindAddress).assemble(parsed, router);
      List<AutoCloseable> toClose = new ArrayList<>();
      List<ListenerAddress> addresses = new ArrayList<>();
      Map<ListenKey, QueryProcessor> processors = new LinkedHashMap<>();
      try {
        for (Handler handler : assembly.handlers()) {
          if (handler instanceof Lifecycle) {
            Lifecycle lifecycle = (Lifecycle) handler;
            toClose.add(lifecycle);
            lifecycle.start();
          }
        }
        assembly.listeners().forEach((listener, zones) -> processors.put(listener, new QueryProcessor(zones)));
        router.attach(processors);
        for (Map.Entry<ListenKey, QueryProcessor> entry : processors.entrySet()) {
          addresses.add(bind(entry.getKey(), entry.getValue(), toClose));
        }
      } catch (Exception e) {
        new ClusterDns(addresses, toClose, assembly.handlers(), null).release();
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

    private ListenerAddress bind(ListenKey listener, QueryProcessor processor, List<AutoCloseable> toClose)
        throws IOException {
      int port = listener.port();
      UdpListener udp;
      TcpListener tcp;
      for (int attempt = 1; ; attempt++) {
        InetSocketAddress address = new InetSocketAddress(listener.address(), port);
        try {
          udp = UdpListener.bind(address, udpWorkers, processor);
        } catch (IOException e) {
          throw bindFailure("udp", address, e);
        }
        InetSocketAddress bound = udp.address();
        try {
          tcp = TcpListener.bind(bound, processor, tcpSettings);
          break;
        } catch (IOException e) {
          udp.close();
          // The kernel picked a UDP port whose number TCP already holds: pick another.
          if (!(e instanceof BindException) || port != 0 || attempt == EPHEMERAL_BIND_ATTEMPTS) {
            // Named as asked: a dual-stack socket reports the IPv4 wildcard as [::].
            throw bindFailure("tcp", new InetSocketAddress(address.getAddress(), bound.getPort()), e);
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

    /** A failure to bind that names the transport, address and port, in one line. */
    private static BindException bindFailure(String transport, InetSocketAddress address, IOException cause) {
      String host = address.getAddress().getHostAddress();
      String where = host.indexOf(':') >= 0 ? "[" + host + "]:" + address.getPort() : host + ":" + address.getPort();
      BindException failure = new BindException("cannot listen on " + transport + " " + where + ": " + cause.getMessage());
      failure.initCause(cause);
      return failure;
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
