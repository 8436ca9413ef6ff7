package io.clusterdns.server.kubernetes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.cluster.source.MockApi;
import io.clusterdns.server.ClusterDns;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * fabric8's CRUD mock API and a real server whose kubernetes plugin watches it, for a test class
 * that shares them among its tests.
 */
final class ApiAndServer implements AutoCloseable {
  final MockApi api;
  final KubernetesClient k8s;
  final ClusterDns dns;
  final InetSocketAddress udp;

  private ApiAndServer(MockApi api, ClusterDns dns) {
    this.api = api;
    this.k8s = api.client();
    this.dns = dns;
    this.udp = dns.udpAddress();
  }

  /**
   * Starts the API with {@code namespaces} in it, then a server, ready, of one block {@code .:0}
   * with {@code kubernetes ZONES} on the API and the lines {@code otherPlugins} after it.
   */
  static ApiAndServer start(List<String> namespaces, String zones, String otherPlugins)
      throws Exception {
    MockApi api = new MockApi().start();
    for (String namespace : namespaces) {
      api.client().namespaces().resource(ApiObjects.namespace(namespace)).create();
    }
    ClusterDns dns = ClusterDns.builder()
        .corefile(".:0 {\n  kubernetes " + zones + " {\n    endpoint " + api.url()
            + "\n    startup_timeout 60s\n  }\n" + otherPlugins + "}\n")
        .start();
    assertTrue(dns.isReady());
    return new ApiAndServer(api, dns);
  }

  /** Checks that the server still watches (a write still shows), then stops the server and API. */
  @Override
  public void close() {
    try {
      WatchProbe.awaitWatching(k8s, "watch-probe", Map.of(), List.of(udp), List.of());
    } finally {
      dns.close();
      api.close();
    }
  }
}
