package io.clusterdns.server;

import io.clusterdns.config.Corefile;
import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.ReloadResult;
import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.explain.ExplainQuestion;
import io.clusterdns.plugin.explain.Explainer;
import io.clusterdns.plugin.explain.Explanation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

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
 * queries in flight finish, and every plugin stops. {@link #reload()} applies a changed Corefile
 * file without dropping a query. Several servers may run in one JVM.
 */
public final class ClusterDns implements AutoCloseable {
  private static final InetSocketAddress IN_PROCESS_CLIENT =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  /** How often awaitReady checks: readiness (informer sync) has no event to wait on. */
  private static final long READY_POLL_MILLIS = 5;

  private final ServerRuntime runtime;

  private ClusterDns(ServerRuntime runtime) {
    this.runtime = runtime;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every port served, in Corefile order; a reload may add or remove some. */
  public List<ListenerAddress> listeners() {
    return runtime.listeners();
  }

  /** The UDP address of the first port served. */
  public InetSocketAddress udpAddress() {
    return listeners().get(0).udp();
  }

  /** The TCP address of the first port served. */
  public InetSocketAddress tcpAddress() {
    return listeners().get(0).tcp();
  }

  /**
   * Answers one wire-format query in this thread, as the first port would answer it over UDP
   * from 127.0.0.1, without a socket: for benchmarks and for tests that want the exact bytes.
   * Returns null when the server would send nothing back; a reply that a plugin delays is
   * returned after the delay.
   *
   * @throws IllegalStateException once {@link #close()} stopped the server
   */
  public byte[] exchange(byte[] query) {
    return exchange(query, Transport.UDP);
  }

  /** {@link #exchange(byte[])} as the first port would answer over {@code transport}, for tests. */
  byte[] exchange(byte[] query, Transport transport) {
    return runtime.firstProcessor().process(query, query.length, IN_PROCESS_CLIENT, transport, null);
  }

  /**
   * The handlers of the given type, block after block in chain order: how a test finds, say, the
   * address a {@code prometheus} handler bound to port 0.
   */
  public <T> List<T> handlers(Class<T> type) {
    return runtime.handlers().stream().filter(type::isInstance).map(type::cast).toList();
  }

  /**
   * Why a name does or does not resolve for a client, through the first port: the client's
   * resolver model walks its search list against the server, each query entering as if from the
   * client's address, and the plugins of each query's block say why they answered as they did.
   * See {@link Explainer#explain(ExplainQuestion)}.
   *
   * @throws IllegalArgumentException when the client cannot be made out (a Pod address no
   *     running Pod holds)
   * @throws IllegalStateException once {@link #close()} stopped the server
   */
  public Explanation explain(ExplainQuestion question) throws IOException {
    return explainer().explain(question);
  }

  /**
   * The explain engine on the first port, for a client given by its resolv.conf (the testing
   * module's pod) rather than by its namespace.
   *
   * @throws IllegalStateException once {@link #close()} stopped the server
   */
  public Explainer explainer() {
    runtime.firstProcessor();
    return new Explainer(new FirstPortLookup(runtime), runtime::handlers);
  }

  /** Whether every plugin that reports readiness (kubernetes: informers synced) is ready. */
  public boolean isReady() {
    return runtime.isReady();
  }

  /**
   * Returns once {@link #isReady()}, checking every few milliseconds for at most {@code timeout}.
   *
   * @throws IllegalStateException when the time is up, naming the plugins still not ready
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!isReady()) {
      if (System.nanoTime() - deadline >= 0) {
        List<String> notReady = runtime.notReady();
        throw new IllegalStateException("not ready after " + timeout + ": "
            + (notReady.isEmpty() ? "the server is shutting down" : "waiting for " + String.join(", ", notReady)));
      }
      Thread.sleep(READY_POLL_MILLIS);
    }
  }

  /**
   * Re-reads the Corefile file and its imports now, as the reload plugin does on its interval:
   * when their SHA-512 changed, the new configuration is set up, started and swapped in, new
   * ports are bound and ports no longer named are closed; a Corefile that does not parse, set up
   * or start is logged once and the running configuration keeps serving.
   *
   * @throws IllegalStateException when the Corefile was given as text or parsed: there is no
   *     file to re-read
   */
  public ReloadResult reload() {
    return runtime.reload();
  }

  /**
   * Shuts down gracefully and returns when done: every plugin is told the process is stopping
   * (ready answers 503 "Shutting down"), DNS is still answered for the largest lameduck of the
   * health plugins, then the listeners stop taking queries, the queries in flight finish, and the
   * plugins stop. A second call, also from another thread, returns once the first is done.
   */
  public void shutdown() {
    runtime.close();
  }

  /** The same as {@link #shutdown()}. */
  @Override
  public void close() {
    runtime.close();
  }

  /**
   * Builds and starts a server: the Corefile, the plugins and what to do on a fatal condition
   * here, how the listeners are tuned in {@link ListenerTuning}.
   */
  public static final class Builder extends ListenerTuning<Builder> {
    private final ServerAssembly assembly;

    private Builder() {
      this(new ServerAssembly());
    }

    private Builder(ServerAssembly assembly) {
      super(assembly.listeners());
      this.assembly = assembly;
    }

    /**
     * The Corefile as text; relative paths in it resolve against {@link #baseDirectory}, the
     * working directory by default.
     *
     * @throws IllegalStateException when a Corefile was given already
     */
    public Builder corefile(String text) {
      assembly.source().text(text);
      return this;
    }

    /**
     * The Corefile as a file, read with {@link #environment}; its imports and the relative paths
     * in it resolve against {@link #baseDirectory}, the file's directory by default.
     *
     * @throws IllegalStateException when a Corefile was given already
     */
    public Builder corefile(Path file) {
      assembly.source().file(file);
      return this;
    }

    /**
     * An already parsed Corefile.
     *
     * @throws IllegalStateException when a Corefile was given already
     */
    public Builder corefile(Corefile parsed) {
      assembly.source().parsed(parsed);
      return this;
    }

    /** Where relative paths of the Corefile (imports, plugin files) resolve. */
    public Builder baseDirectory(Path directory) {
      assembly.source().baseDirectory(directory);
      return this;
    }

    /** Where {@code {$NAME}} in the Corefile text is looked up; the process environment by default. */
    public Builder environment(Function<String, String> environment) {
      assembly.source().environment(environment);
      return this;
    }

    /** The plugins to set up; those on the class path by default (see PluginRegistry). */
    public Builder plugins(PluginRegistry registry) {
      assembly.plugins(registry);
      return this;
    }

    /**
     * What happens when a plugin finds a condition the server must not run with (the loop
     * plugin's forwarding loop), after the server logged it: by default the server closes. The
     * handler runs once, on a thread of its own; the command line exits with status 1.
     */
    public Builder onFatal(Consumer<String> handler) {
      assembly.onFatal(handler);
      return this;
    }

    /** Parses the Corefile and sets up every plugin without starting anything. */
    public Corefile validate() throws CorefileException, CorefileProblems {
      return assembly.validate();
    }

    /**
     * Parses the Corefile, sets up and starts every plugin (waiting for the kubernetes plugin's
     * first sync up to its {@code startup_timeout}), and binds the listeners.
     */
    public ClusterDns start() throws CorefileException, CorefileProblems, IOException {
      return new ClusterDns(assembly.start());
    }
  }
}
