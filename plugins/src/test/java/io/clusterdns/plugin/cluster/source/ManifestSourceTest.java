package io.clusterdns.plugin.cluster.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.cluster.EndpointInfo;
import io.clusterdns.plugin.cluster.ServiceKind;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestSourceTest {
  @TempDir Path dir;
  private final ClusterView view = new ClusterView();
  private ManifestSource source;

  @AfterEach
  void tearDown() {
    if (source != null) {
      source.close();
    }
  }

  private static String service(String namespace, String name, String clusterIp) {
    return """
        apiVersion: v1
        kind: Service
        metadata:
          name: %s
          namespace: %s
        spec:
          clusterIP: %s
          ports:
          - name: http
            port: 80
        """
        .formatted(name, namespace, clusterIp);
  }

  private ManifestSource start(Path... paths) throws Exception {
    SourceOptions options =
        new SourceOptions(List.of(paths), null, null, null, null, null, null, null, null, false, true, Duration.ofSeconds(1));
    source = new ManifestSource(options, view);
    source.start();
    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(20))
        .until(() -> view.snapshot().synced());
    return source;
  }

  /** A change shows in some milliseconds; the bound leaves room for a CI machine under load. */
  private static ConditionFactory promptly() {
    return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10));
  }

  private void awaitView(Predicate<ClusterSnapshot> condition) {
    promptly().until(() -> condition.test(view.snapshot()));
  }

  private static List<String> addresses(ClusterSnapshot snapshot, String namespace, String name) {
    return snapshot.service(namespace, name).endpoints().stream()
        .map(EndpointInfo::address).map(InetAddress::getHostAddress).toList();
  }

  @Test
  void loadsEverySupportedFileShape() throws Exception {
    Path single = Files.writeString(dir.resolve("single.yaml"), service("default", "one", "10.96.0.1"));
    Path multi = Files.writeString(dir.resolve("multi.yml"),
        "# leading comment\n---\n" + service("shop", "two", "10.96.0.2") + "---\n" + service("shop", "three", "None")
            + "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ignored\n");
    Path list = Files.writeString(dir.resolve("list.yaml"), """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Service
          metadata:
            name: four
          spec:
            type: ExternalName
            externalName: db.example.com
        - apiVersion: v1
          kind: Namespace
          metadata:
            name: empty
        """);
    Path json = Files.writeString(dir.resolve("five.json"), """
        {"apiVersion": "v1", "kind": "Service",
         "metadata": {"name": "five", "namespace": "shop"},
         "spec": {"clusterIP": "10.96.0.5"}}
        """);
    start(single, multi, list, json);
    ClusterSnapshot snapshot = view.snapshot();
    assertTrue(snapshot.synced());
    assertEquals(InetAddress.getByName("10.96.0.1"), snapshot.service("default", "one").service().clusterIps().get(0));
    assertNotNull(snapshot.service("shop", "two"));
    assertEquals(ServiceKind.HEADLESS, snapshot.service("shop", "three").service().kind());
    assertEquals("db.example.com", snapshot.service("default", "four").service().externalName());
    assertNotNull(snapshot.service("shop", "five"));
    assertTrue(snapshot.hasNamespace("empty"));
    assertTrue(snapshot.hasNamespace("kube-system"));
    assertEquals(5, snapshot.services().size());
  }

  @Test
  void directoryContributesItsManifestFilesButNotSubdirectories() throws Exception {
    Files.writeString(dir.resolve("a.yaml"), service("default", "a", "10.96.0.1"));
    Files.writeString(dir.resolve("b.json"), "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"bee\"}}");
    Files.writeString(dir.resolve("notes.txt"), "not a manifest");
    Files.writeString(dir.resolve(".a.yaml.swp"), "junk");
    Files.createDirectory(dir.resolve("nested"));
    Files.writeString(dir.resolve("nested/c.yaml"), service("default", "c", "10.96.0.3"));
    start(dir);
    ClusterSnapshot snapshot = view.snapshot();
    assertNotNull(snapshot.service("default", "a"));
    assertTrue(snapshot.hasNamespace("bee"));
    assertNull(snapshot.service("default", "c"));
    assertTrue(source.problems().isEmpty());
  }

  @Test
  void coreEndpointsAreMirroredAndSlicesApplyReadiness() throws Exception {
    Path file = Files.writeString(dir.resolve("cluster.yaml"), service("default", "backend", "10.96.0.9") + """
        ---
        apiVersion: v1
        kind: Endpoints
        metadata:
          name: backend
        subsets:
        - addresses:
          - ip: 192.0.2.10
          - ip: 192.0.2.11
          notReadyAddresses:
          - ip: 192.0.2.12
          ports:
          - name: http
            port: 80
        ---
        """ + service("default", "db", "None") + """
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: db-1
          labels:
            kubernetes.io/service-name: db
        addressType: IPv4
        endpoints:
        - addresses: ["10.244.0.1"]
          hostname: db-0
        - addresses: ["10.244.0.2"]
          conditions:
            ready: false
        """);
    start(file);
    ClusterSnapshot snapshot = view.snapshot();
    assertEquals(List.of("192.0.2.10", "192.0.2.11"), addresses(snapshot, "default", "backend"));
    assertEquals(List.of("10.244.0.1"), addresses(snapshot, "default", "db"));
    assertEquals("db-0", snapshot.service("default", "db").endpoints().get(0).hostname());
  }

  @Test
  void liveEditIsSeenWithinASecond() throws Exception {
    Path file = Files.writeString(dir.resolve("svc.yaml"), service("default", "web", "10.96.0.1"));
    start(dir);
    InetAddress edited = InetAddress.getByName("10.96.0.99");
    Files.writeString(file, service("default", "web", "10.96.0.99"));
    awaitView(s -> s.service("default", "web").service().clusterIps().equals(List.of(edited)));
    Files.writeString(dir.resolve("new.yaml"), service("default", "added", "10.96.0.7"));
    awaitView(s -> s.service("default", "added") != null);
  }

  @Test
  void brokenFileIsReportedAndItsLastGoodObjectsKeepServing() throws Exception {
    Path file = Files.writeString(dir.resolve("svc.yaml"),
        service("default", "first", "10.96.0.1") + "---\n" + service("default", "web", "10.96.0.2"));
    start(file);
    String broken = service("default", "first", "10.96.0.1") + "---\n"
        + service("default", "web", "10.96.0.3").replace("  - name: http\n", "  - name: [http\n");
    Files.writeString(file, broken);
    promptly().until(() -> source.problems().containsKey(file));
    String problem = source.problems().get(file);
    assertTrue(problem.startsWith(file + ":"), problem);
    int brokenLine = 1 + (int) broken.lines().takeWhile(l -> !l.contains("[http")).count();
    assertTrue(problem.contains(":" + brokenLine + ":") || problem.contains(":" + (brokenLine + 1) + ":"), problem);
    ClusterSnapshot snapshot = view.snapshot();
    assertEquals(InetAddress.getByName("10.96.0.2"), snapshot.service("default", "web").service().clusterIps().get(0));
    assertNotNull(snapshot.service("default", "first"));

    Files.writeString(file, service("default", "web", "10.96.0.4"));
    awaitView(s -> s.service("default", "first") == null);
    assertTrue(source.problems().isEmpty());
  }

  @Test
  void fileBrokenAtFirstLoadContributesNothingButOthersLoad() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports:\n  - port: notanumber\n");
    Files.writeString(dir.resolve("good.yaml"), service("default", "good", "10.96.0.1"));
    start(dir);
    assertTrue(source.synced());
    assertNotNull(view.snapshot().service("default", "good"));
    assertNull(view.snapshot().service("default", "x"));
    assertTrue(source.problems().get(bad).contains("notanumber"), source.problems().toString());
  }

  @Test
  void deletedFileRemovesItsObjects() throws Exception {
    Path gone = Files.writeString(dir.resolve("gone.yaml"), service("default", "gone", "10.96.0.1"));
    Files.writeString(dir.resolve("stays.yaml"), service("default", "stays", "10.96.0.2"));
    start(dir);
    assertNotNull(view.snapshot().service("default", "gone"));
    Files.delete(gone);
    awaitView(s -> s.service("default", "gone") == null);
    assertNotNull(view.snapshot().service("default", "stays"));
  }
}
