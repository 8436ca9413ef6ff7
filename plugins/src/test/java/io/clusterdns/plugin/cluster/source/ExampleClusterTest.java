package io.clusterdns.plugin.cluster.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.cluster.EndpointInfo;
import io.clusterdns.plugin.cluster.PortInfo;
import io.clusterdns.plugin.cluster.ServiceEntry;
import io.clusterdns.plugin.cluster.ServiceKind;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built-in example cluster of the server module loads whole through the manifest source. */
class ExampleClusterTest {
  private static final Path EXAMPLE =
      Path.of("../server/src/main/resources/io/clusterdns/server/example/cluster.yaml");
  private static ClusterSnapshot snapshot;
  private static ManifestSource source;

  @BeforeAll
  static void load() throws Exception {
    ClusterView view = new ClusterView();
    SourceOptions options =
        new SourceOptions(List.of(EXAMPLE), null, null, null, null, null, null, null, null, false, true, Duration.ofSeconds(1));
    source = new ManifestSource(options, view);
    try {
      source.start();
      await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
          .until(() -> view.snapshot().synced());
      snapshot = view.snapshot();
    } finally {
      source.close();
    }
  }

  private static List<String> ips(ServiceEntry entry) {
    return entry.endpoints().stream().map(e -> e.address().getHostAddress()).toList();
  }

  private static List<String> clusterIps(ServiceEntry entry) {
    return entry.service().clusterIps().stream().map(InetAddress::getHostAddress).toList();
  }

  @Test
  void loadsWithoutProblems() {
    assertTrue(source.problems().isEmpty(), source.problems().toString());
    assertTrue(snapshot.namespaces().containsAll(Set.of("default", "kube-system", "shop")));
    assertEquals(
        Set.of(
            "default/kubernetes", "default/nginx-service", "default/nginx-headless-service",
            "default/my-database", "default/external-backend", "default/web",
            "default/numbers-web", "kube-system/kube-dns", "shop/app2-svc"),
        snapshot.services().stream().map(e -> e.service().key()).collect(Collectors.toSet()));
  }

  @Test
  void nginxServiceHasItsClusterIpAndThreeReadyPods() {
    ServiceEntry nginx = snapshot.service("default", "nginx-service");
    assertEquals(List.of("10.96.120.15"), clusterIps(nginx));
    assertEquals(List.of(new PortInfo("http", "tcp", 80)), nginx.service().ports());
    assertEquals(List.of("10.244.3.46", "10.244.3.47", "10.244.3.48"), ips(nginx));
    assertEquals(
        List.of("nginx-5c7575f557-j2pzq", "nginx-5c7575f557-vbglc", "nginx-5c7575f557-82mx4"),
        nginx.endpoints().stream().map(EndpointInfo::podName).toList());
  }

  @Test
  void headlessNginxLeavesOutTheNotReadyPod() {
    ServiceEntry headless = snapshot.service("default", "nginx-headless-service");
    assertEquals(ServiceKind.HEADLESS, headless.service().kind());
    assertEquals(List.of("10.244.3.46", "10.244.3.47", "10.244.3.48"), ips(headless));
  }

  @Test
  void externalNameAndHandWrittenEndpoints() {
    ServiceEntry database = snapshot.service("default", "my-database");
    assertEquals(ServiceKind.EXTERNAL_NAME, database.service().kind());
    assertEquals("db.example.com", database.service().externalName());
    ServiceEntry backend = snapshot.service("default", "external-backend");
    assertEquals(List.of("10.96.200.20"), clusterIps(backend));
    assertEquals(List.of("192.0.2.10", "192.0.2.11"), ips(backend));
  }

  @Test
  void statefulSetPodsHaveHostnames() {
    ServiceEntry web = snapshot.service("default", "web");
    assertEquals(ServiceKind.HEADLESS, web.service().kind());
    assertEquals(List.of("web-0", "web-1"), web.endpoints().stream().map(EndpointInfo::hostname).toList());
    assertEquals(List.of("10.244.1.10", "10.244.1.11"), ips(web));
  }

  @Test
  void kubeDnsAndTheSecondNamespace() {
    ServiceEntry kubeDns = snapshot.service("kube-system", "kube-dns");
    assertEquals(List.of("10.96.0.10"), clusterIps(kubeDns));
    assertEquals(
        List.of(new PortInfo("dns", "udp", 53), new PortInfo("dns-tcp", "tcp", 53), new PortInfo("metrics", "tcp", 9153)),
        kubeDns.service().ports());
    assertEquals(List.of("10.244.0.2", "10.244.0.3"), ips(kubeDns));
    assertEquals(List.of("10.96.0.1"), clusterIps(snapshot.service("default", "kubernetes")));
    ServiceEntry app2 = snapshot.service("shop", "app2-svc");
    assertEquals(List.of("10.96.99.99"), clusterIps(app2));
    assertEquals(List.of("10.244.2.10"), ips(app2));
  }
}
