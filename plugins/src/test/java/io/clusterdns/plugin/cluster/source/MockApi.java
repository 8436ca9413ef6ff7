package io.clusterdns.plugin.cluster.source;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;

/**
 * A fabric8 CRUD mock API server on a fixed loopback port over plain HTTP, so a source can be
 * pointed at it before it runs and after it stops.
 */
public final class MockApi implements AutoCloseable {
  final int port;
  private KubernetesMockServer server;
  private KubernetesClient client;

  public MockApi() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public MockApi start() {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init(InetAddress.getLoopbackAddress(), port);
    client = server.createClient();
    return this;
  }

  /**
   * Makes the running API answer 404 for every path of these API groups, as a cluster without
   * their CRDs does.
   */
  public MockApi withoutApiGroups(String... groups) {
    server.setUnsupported(groups);
    return this;
  }

  /** A client of the running API, for the writes a test makes. */
  public KubernetesClient client() {
    return client;
  }

  /** The API's URL, valid whether or not it runs. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  SourceOptions options(String labels, String namespaceLabels, boolean pods, Duration timeout) {
    return new SourceOptions(
        List.<Path>of(), null, null, url(), null, null, null, labels, namespaceLabels, pods, true, timeout);
  }

  /** Client settings for the source with retries fast enough for tests. */
  static Config fastRetries(SourceOptions options) {
    Config config = ClientConfigs.forOptions(options);
    config.setWatchReconnectInterval(50);
    config.setRequestRetryBackoffInterval(20);
    config.setRequestRetryBackoffLimit(1);
    return config;
  }

  public void stop() {
    if (client != null) {
      client.close();
      client = null;
    }
    if (server != null) {
      try {
        server.destroy();
      } catch (IllegalStateException e) {
        // The mock's watch sender can block its event loop while closing (its sender waits on itself);
        // the test has finished by then, so its verdict stands and only the mock is left behind.
        System.err.println("mock API did not close cleanly: " + e);
      }
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
