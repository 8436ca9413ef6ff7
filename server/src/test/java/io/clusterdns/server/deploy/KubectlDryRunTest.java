package io.clusterdns.server.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kubectl apply --dry-run=client} accepts every manifest. Without a cluster kubectl still
 * needs the API's discovery documents to map each kind to its resource, and asks for the live
 * object to compute its patch; a small local HTTP server answers exactly that (discovery for the
 * kinds of a kubeadm cluster, 404 for every object), so the test runs offline and kubectl's own
 * decoding, defaulting and mapping check each document. Schema validation needs the API's
 * OpenAPI document, which this server does not have; the fabric8 model test covers the fields.
 */
class KubectlDryRunTest {
  /** Group version → its resources: name, kind, namespaced. */
  private record Resource(String name, String kind, boolean namespaced) {}

  private static final Map<String, List<Resource>> RESOURCES = Map.of(
      "v1", List.of(
          new Resource("services", "Service", true),
          new Resource("serviceaccounts", "ServiceAccount", true),
          new Resource("configmaps", "ConfigMap", true),
          new Resource("namespaces", "Namespace", false)),
      "apps/v1", List.of(
          new Resource("deployments", "Deployment", true),
          new Resource("daemonsets", "DaemonSet", true)),
      "rbac.authorization.k8s.io/v1", List.of(
          new Resource("clusterroles", "ClusterRole", false),
          new Resource("clusterrolebindings", "ClusterRoleBinding", false)),
      "policy/v1", List.of(
          new Resource("poddisruptionbudgets", "PodDisruptionBudget", true)));

  private HttpServer api;

  @BeforeEach
  void startDiscovery() throws IOException {
    api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    api.createContext("/", this::answer);
    api.start();
  }

  @AfterEach
  void stop() {
    api.stop(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"kube-system", "node-local"})
  void applyDryRunAcceptsEveryObject(String directory, @TempDir Path temp) throws Exception {
    Path dir = DeployManifests.DEPLOY.resolve(directory);
    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n");
    List<String> command = List.of("kubectl", "--kubeconfig", kubeconfig.toString(),
        "--server", "http://127.0.0.1:" + api.getAddress().getPort(), "--cache-dir", temp.resolve("cache").toString(),
        "apply", "--dry-run=client", "--validate=false", "-o", "name", "-f", dir.toString());
    Process kubectl = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS), "kubectl finished");
    String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, kubectl.exitValue(), output);

    List<String> expected = new ArrayList<>();
    for (HasMetadata object : DeployManifests.objects(dir)) {
      String group = object.getApiVersion().contains("/") ? "." + object.getApiVersion().split("/")[0] : "";
      expected.add(object.getKind().toLowerCase() + group + "/" + object.getMetadata().getName());
    }
    assertEquals(expected, output.lines().toList(), output);
  }

  private void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String body;
    int status = 200;
    if (path.equals("/api")) {
      body = "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[]}";
    } else if (path.equals("/apis")) {
      StringBuilder groups = new StringBuilder();
      for (String groupVersion : RESOURCES.keySet()) {
        if (groupVersion.contains("/")) {
          String[] parts = groupVersion.split("/");
          String version = "{\"groupVersion\":\"" + groupVersion + "\",\"version\":\"" + parts[1] + "\"}";
          groups.append(groups.length() == 0 ? "" : ",").append("{\"name\":\"").append(parts[0])
              .append("\",\"versions\":[").append(version).append("],\"preferredVersion\":").append(version).append('}');
        }
      }
      body = "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[" + groups + "]}";
    } else if (RESOURCES.containsKey(groupVersionOf(path))) {
      StringBuilder resources = new StringBuilder();
      for (Resource resource : RESOURCES.get(groupVersionOf(path))) {
        resources.append(resources.length() == 0 ? "" : ",").append("{\"name\":\"").append(resource.name())
            .append("\",\"singularName\":\"\",\"namespaced\":").append(resource.namespaced()).append(",\"kind\":\"")
            .append(resource.kind()).append("\",\"verbs\":[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]}");
      }
      body = "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"" + groupVersionOf(path)
          + "\",\"resources\":[" + resources + "]}";
    } else {
      // no object exists yet: apply then creates it (not sent, dry run)
      status = 404;
      body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
          + "\"message\":\"not found\",\"reason\":\"NotFound\",\"code\":404}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** "v1" for /api/v1, "apps/v1" for /apis/apps/v1; anything longer is not a discovery path. */
  private static String groupVersionOf(String path) {
    if (path.startsWith("/api/") && path.split("/").length == 3) {
      return path.substring("/api/".length());
    }
    if (path.startsWith("/apis/") && path.split("/").length == 4) {
      return path.substring("/apis/".length());
    }
    return "";
  }
}
