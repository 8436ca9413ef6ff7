package io.clusterdns.server.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;

/**
 * fabric8's mock API server in CRUD mode on a loopback port chosen up front and served over
 * plain HTTP, so a DNS server can be pointed at it before it runs and after it stops.
 */
final class MockKubernetesApi implements AutoCloseable {
  private final int port;
  private KubernetesMockServer server;
  private KubernetesClient client;

  MockKubernetesApi() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  MockKubernetesApi start() {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init(InetAddress.getLoopbackAddress(), port);
    client = server.createClient();
    return this;
  }

  /** A client of the running API, for the writes a test makes. */
  KubernetesClient client() {
    return client;
  }

  /** The {@code endpoint} URL of the kubernetes plugin, valid whether or not the API runs. */
  String url() {
    return "http://127.0.0.1:" + port;
  }

  void stop() {
    if (client != null) {
      client.close();
      client = null;
    }
    if (server != null) {
      try {
        server.destroy();
      } catch (IllegalStateException e) {
        // The mock's watch sender can block its event loop while closing (java-stack.md §2.1):
        // a fault of the mock, not of the server under test.
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
