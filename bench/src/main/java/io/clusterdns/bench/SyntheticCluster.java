package io.clusterdns.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic cluster of the same shape as bench/gen_cluster.py writes: Services {@code svc-I}
 * spread evenly over namespaces {@code ns-N}, every tenth of them headless with three ready
 * endpoints, the rest ClusterIP with a named port; written as Kubernetes YAML.
 */
final class SyntheticCluster {
  static final String ZONE = "cluster.local";
  private static final int NAMESPACES = 10;
  private static final int HEADLESS_EVERY = 10;
  private static final int ENDPOINTS_PER_HEADLESS = 3;

  private final List<String> clusterIpNames = new ArrayList<>();
  private final List<String> headlessNames = new ArrayList<>();
  private final Path directory;

  private SyntheticCluster(Path directory) {
    this.directory = directory;
  }

  /** Writes {@code services} Services (and the slices of the headless ones) into {@code directory}. */
  static SyntheticCluster write(Path directory, int services) throws IOException {
    SyntheticCluster cluster = new SyntheticCluster(directory);
    Files.createDirectories(directory);
    try (Writer yaml = Files.newBufferedWriter(directory.resolve("cluster.yaml"), StandardCharsets.UTF_8)) {
      for (int n = 0; n < NAMESPACES; n++) {
        yaml.write("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-" + n + "\n---\n");
      }
      int serviceIp = 0x0A60000A;
      int podIp = 0x0AF4000A;
      for (int i = 0; i < services; i++) {
        String namespace = "ns-" + (long) i * NAMESPACES / services;
        String name = "svc-" + i;
        String fqdn = name + "." + namespace + ".svc." + ZONE;
        if (i % HEADLESS_EVERY == HEADLESS_EVERY - 1) {
          cluster.headlessNames.add(fqdn);
          yaml.write(service(namespace, name, "None"));
          yaml.write(slice(namespace, name, podIp));
          podIp += ENDPOINTS_PER_HEADLESS;
        } else {
          cluster.clusterIpNames.add(fqdn);
          yaml.write(service(namespace, name, ipv4(serviceIp++)));
        }
      }
    }
    return cluster;
  }

  private static String service(String namespace, String name, String clusterIp) {
    return "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\n  namespace: " + namespace
        + "\nspec:\n  selector:\n    app: " + name + "\n  clusterIP: " + clusterIp
        + "\n  ports:\n  - name: http\n    protocol: TCP\n    port: 80\n    targetPort: 8080\n---\n";
  }

  private static String slice(String namespace, String name, int firstIp) {
    StringBuilder yaml = new StringBuilder()
        .append("apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: ")
        .append(name).append("-abcde\n  namespace: ").append(namespace)
        .append("\n  labels:\n    kubernetes.io/service-name: ").append(name)
        .append("\naddressType: IPv4\nports:\n- name: http\n  protocol: TCP\n  port: 8080\nendpoints:\n");
    for (int k = 0; k < ENDPOINTS_PER_HEADLESS; k++) {
      yaml.append("- addresses: [\"").append(ipv4(firstIp + k)).append("\"]\n  conditions: {ready: true}\n");
    }
    return yaml.append("---\n").toString();
  }

  private static String ipv4(int address) {
    return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
        + (address & 0xFF);
  }

  /** A Corefile that serves this cluster with the kubernetes plugin and nothing else. */
  String corefile() {
    return corefile(false);
  }

  /**
   * A Corefile that serves this cluster with the kubernetes plugin and, with {@code metrics}, the
   * prometheus plugin on an ephemeral loopback port, so the server counts every query.
   */
  String corefile(boolean metrics) {
    return ZONE + " {\n" + (metrics ? "    prometheus 127.0.0.1:0\n" : "")
        + "    kubernetes " + ZONE + " {\n        manifests " + directory + "\n    }\n}\n";
  }

  List<String> clusterIpNames() {
    return clusterIpNames;
  }

  List<String> headlessNames() {
    return headlessNames;
  }
}
