package io.clusterdns.testing;

import io.clusterdns.resolver.Resolver;
import io.clusterdns.resolver.ResolverBehaviour;
import io.clusterdns.config.CorefileException;
import io.clusterdns.config.ResolvConf;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.explain.Explanation;
import io.clusterdns.server.ClusterDns;
import io.clusterdns.server.CorefileProblems;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A running test server: ClusterDNS on 127.0.0.1 and an ephemeral port (UDP and TCP) serving a
 * declared cluster under {@code cluster.local} (and its reverse zones), NXDOMAIN for every other
 * name, with a query log and fault injection in front of everything. Made by {@link
 * ClusterDnsExtension}, or directly with {@link #start} where JUnit does not manage it.
 */
public final class TestServer implements AutoCloseable {
  static final String CLUSTER_ZONE = "cluster.local.";

  private final Path directory;
  private final ServerState state;
  private final ClusterDns dns;
  private final Cluster cluster;
  private final ResolvConf pod;
  private final ResolverBehaviour behaviour;

  private TestServer(Path directory, ServerState state, ClusterDns dns, Cluster cluster, ResolvConf pod,
      ResolverBehaviour behaviour) {
    this.directory = directory;
    this.state = state;
    this.dns = dns;
    this.cluster = cluster;
    this.pod = pod;
    this.behaviour = behaviour;
  }

  /**
   * Starts a server for {@code declaration}: writes its objects and YAML resources (read with
   * {@code loader}) into a new temporary directory, and returns once the cluster is served.
   */
  public static TestServer start(Declaration declaration, ClassLoader loader) {
    return start(declaration, loader, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  /**
   * As {@link #start(Declaration, ClassLoader)}, listening on {@code listen}: port 53 of a
   * loopback address of its own lets a real C library resolver (which knows no other port) ask it.
   */
  public static TestServer start(Declaration declaration, ClassLoader loader, InetSocketAddress listen) {
    Path directory;
    try {
      directory = Files.createTempDirectory("clusterdns-testing-");
    } catch (IOException e) {
      throw new UncheckedIOException("creating a directory for the test cluster", e);
    }
    ClusterDns dns = null;
    try {
      copyResources(declaration.yamlResources(), loader, directory);
      ServerState state = new ServerState();
      Cluster cluster = new Cluster(directory.resolve("declared.yaml"), state, declaration.objects());
      dns = ClusterDns.builder()
          .corefile(corefile(directory))
          .baseDirectory(directory)
          .bindAddress(listen.getAddress())
          .defaultPort(listen.getPort())
          .udpWorkers(2)
          .plugins(PluginRegistry.withExtra(Map.of(new RecorderSetup(state), "errors")))
          .start();
      cluster.awaitServed();
      return new TestServer(directory, state, dns, cluster, declaration.pod(), declaration.behaviour());
    } catch (CorefileException | CorefileProblems e) {
      close(dns, directory);
      throw new IllegalStateException("the test server's Corefile is wrong: " + e.getMessage(), e);
    } catch (IOException e) {
      close(dns, directory);
      throw new UncheckedIOException("starting the test server", e);
    } catch (RuntimeException e) {
      close(dns, directory);
      throw e;
    }
  }

  private static String corefile(Path directory) {
    String manifests = "\"" + directory.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    return """
        cluster.local in-addr.arpa ip6.arpa {
            %1$s
            kubernetes cluster.local in-addr.arpa ip6.arpa {
                manifests %2$s
                pods verified
            }
        }
        . {
            %1$s
            template ANY ANY {
                rcode NXDOMAIN
            }
        }
        """.formatted(RecorderSetup.NAME, manifests);
  }

  private static void copyResources(List<String> resources, ClassLoader loader, Path directory) throws IOException {
    int n = 0;
    for (String resource : resources) {
      String path = resource.startsWith("/") ? resource.substring(1) : resource;
      try (InputStream in = loader.getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalArgumentException("no resource " + resource + " on the test class path");
        }
        String suffix = path.endsWith(".json") ? ".json" : ".yaml";
        Files.copy(in, directory.resolve("resource-" + n++ + suffix));
      }
    }
  }

  /** The declared cluster, to change while the test runs. */
  public Cluster cluster() {
    return cluster;
  }

  /** Every query received so far, oldest first. */
  public List<QueryRecord> queries() {
    return state.queries();
  }

  /** Forgets the queries received so far. */
  public void clearQueries() {
    state.clearQueries();
  }

  /** Puts a fault in force; faults added earlier take a query first. */
  public TestServer inject(Fault fault) {
    state.inject(fault);
    return this;
  }

  public void clearFaults() {
    state.clearFaults();
  }

  /** The pod's resolv.conf, as kubelet would write it; its name servers stand for this server. */
  public ResolvConf resolvConf() {
    return pod;
  }

  /** A resolver of the declared behaviour, configured as the declared pod's. */
  public Resolver resolver() {
    return behaviour.resolver(pod, udpAddress());
  }

  /** A resolver of another behaviour or pod configuration, sending to this server. */
  public Resolver resolver(ResolvConf conf, ResolverBehaviour other) {
    return other.resolver(conf, udpAddress());
  }

  /**
   * Why {@code name} does or does not resolve for the declared pod with its resolver: each query
   * the resolver sends, the server's reply, and what the plugins said about it (see {@link
   * Explanation}). The queries enter the server (and the query log) as the resolver's would.
   */
  public Explanation explain(String name, int type) {
    try {
      return dns.explainer().explain(name, type, behaviour, pod, null, "the declared pod");
    } catch (IOException e) {
      throw new UncheckedIOException("no loopback port to explain " + name + " through", e);
    }
  }

  public InetSocketAddress udpAddress() {
    return dns.udpAddress();
  }

  public InetSocketAddress tcpAddress() {
    return dns.tcpAddress();
  }

  /** The embedded server itself. */
  public ClusterDns server() {
    return dns;
  }

  @Override
  public void close() {
    close(dns, directory);
  }

  private static void close(ClusterDns dns, Path directory) {
    if (dns != null) {
      dns.close();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("removing " + directory, e);
    }
  }
}
