package io.clusterdns.testing;

import io.clusterdns.resolver.Resolver;
import io.clusterdns.resolver.ResolverBehaviour;
import io.clusterdns.config.PodResolvConf;
import io.clusterdns.config.ResolvConf;
import io.clusterdns.plugin.explain.Explanation;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.xbill.DNS.Type;

/**
 * A cluster DNS server for JUnit 5 tests, registered as a field:
 *
 * <pre>{@code
 * @RegisterExtension
 * final ClusterDnsExtension dns = new ClusterDnsExtension()
 *     .with(service("nginx-service").namespace("default").clusterIp("10.96.0.20"))
 *     .podNamespace("default");
 * }</pre>
 *
 * On an instance field every test gets a fresh server. On a static field one server serves the
 * whole class, and before each test its query log and faults are cleared and the cluster is put
 * back as declared. Declare everything before the server starts; while it runs, change it through
 * {@link #cluster()}.
 */
public final class ClusterDnsExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final List<KubeObject> objects = new ArrayList<>();
  private final List<String> yamlResources = new ArrayList<>();
  private ResolvConf pod = PodResolvConf.pod().build();
  private ResolverBehaviour behaviour = ResolverBehaviour.SEARCH_LIST;
  private boolean hostResolver;
  private TestServer server;
  private boolean perClass;

  /** Adds objects to the declared cluster. */
  public ClusterDnsExtension with(KubeObject... declared) {
    requireNotStarted();
    objects.addAll(List.of(declared));
    return this;
  }

  /**
   * Adds the Kubernetes manifests (YAML or JSON; Services, Endpoints, EndpointSlices, Pods,
   * Namespaces) of a class-path resource, such as {@code "k8s/cluster.yaml"}. They stay as they
   * are while the test runs; only declared objects change.
   */
  public ClusterDnsExtension withYaml(String resource) {
    requireNotStarted();
    yamlResources.add(Objects.requireNonNull(resource));
    return this;
  }

  /** The pod whose resolv.conf the resolvers use, as kubelet writes it; a default pod otherwise. */
  public ClusterDnsExtension pod(PodResolvConf pod) {
    requireNotStarted();
    this.pod = pod.build();
    return this;
  }

  /** A ClusterFirst pod in {@code namespace} of a kubeadm cluster. */
  public ClusterDnsExtension podNamespace(String namespace) {
    return pod(PodResolvConf.pod().namespace(namespace));
  }

  /** A pod with exactly this resolv.conf. */
  public ClusterDnsExtension resolvConf(ResolvConf conf) {
    requireNotStarted();
    this.pod = Objects.requireNonNull(conf);
    return this;
  }

  /** How {@link #resolver()} resolves; {@link ResolverBehaviour#SEARCH_LIST} by default. */
  public ClusterDnsExtension behaviour(ResolverBehaviour behaviour) {
    requireNotStarted();
    this.behaviour = Objects.requireNonNull(behaviour);
    return this;
  }

  /**
   * Makes the test server the JVM's host name resolver while it runs (Java 21+, see {@link
   * HostResolution}): {@code InetAddress.getByName("nginx-service")}, HTTP clients and JDBC
   * drivers resolve through the pod's resolver. The JDK caches answers ({@code
   * networkaddress.cache.ttl}, 30 s by default; run the tests with {@code -Dsun.net.inetaddr.ttl=0}
   * to see live changes). Fails on Java 17.
   */
  public ClusterDnsExtension hostResolver() {
    requireNotStarted();
    if (!HostResolution.available()) {
      throw new IllegalStateException("hostResolver() needs Java 21 or later and a clusterdns-testing built with"
          + " JDK 21 or later; this is Java " + Runtime.version().feature());
    }
    hostResolver = true;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    start(context);
  }

  private void start(ExtensionContext context) {
    server = TestServer.start(declaration(), loader(context));
    if (hostResolver) {
      HostResolution.activate(server);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (perClass) {
      server.clearFaults();
      if (!server.cluster().objects().equals(objects)) {
        server.cluster().replaceAll(objects);
      }
      server.clearQueries();
    } else {
      start(context);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  private void stop() {
    if (server != null) {
      HostResolution.deactivate(server);
      server.close();
      server = null;
    }
  }

  private Declaration declaration() {
    return new Declaration(objects, yamlResources, pod, behaviour);
  }

  private static ClassLoader loader(ExtensionContext context) {
    return context.getRequiredTestClass().getClassLoader();
  }

  private void requireNotStarted() {
    if (server != null) {
      throw new IllegalStateException("the server runs already: change the cluster through cluster()");
    }
  }

  /** The running server; only while a test runs. */
  public TestServer server() {
    if (server == null) {
      throw new IllegalStateException("no test server runs outside a test");
    }
    return server;
  }

  /** The cluster, to change while the test runs. */
  public Cluster cluster() {
    return server().cluster();
  }

  /** Every query received in this test so far, oldest first. */
  public List<QueryRecord> queries() {
    return server().queries();
  }

  /** Fluent checks of the queries received so far. */
  public QueryAssert assertQueries() {
    return new QueryAssert(queries());
  }

  /** Puts a fault in force for the rest of the test. */
  public ClusterDnsExtension inject(Fault fault) {
    server().inject(fault);
    return this;
  }

  /** A resolver of the declared behaviour, configured as the declared pod. */
  public Resolver resolver() {
    return server().resolver();
  }

  /** Why {@code name} (A) does or does not resolve for the declared pod: see {@link TestServer#explain}. */
  public Explanation explain(String name) {
    return server().explain(name, Type.A);
  }

  /** The same for another query type. */
  public Explanation explain(String name, int type) {
    return server().explain(name, type);
  }

  public InetSocketAddress udpAddress() {
    return server().udpAddress();
  }

  public InetSocketAddress tcpAddress() {
    return server().tcpAddress();
  }
}
