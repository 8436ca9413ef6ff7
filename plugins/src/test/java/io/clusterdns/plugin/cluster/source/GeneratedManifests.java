package io.clusterdns.plugin.cluster.source;

/**
 * Manifests in the shape of {@code bench/gen_cluster.py}: Services in ten namespaces, every fourth
 * one headless with an EndpointSlice of ready endpoints, the rest with a cluster IP.
 */
final class GeneratedManifests {
  private GeneratedManifests() {}

  /** {@code services} Services and their slices, as one multi-document YAML file. */
  static String cluster(int services, int endpointsPerHeadless) {
    StringBuilder yaml = new StringBuilder();
    int pod = 0;
    for (int i = 0; i < services; i++) {
      String namespace = "ns-" + (i % 10);
      boolean headless = i % 4 == 3;
      yaml.append("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc-").append(i)
          .append("\n  namespace: ").append(namespace)
          .append("\nspec:\n  selector:\n    app: svc-").append(i)
          .append("\n  clusterIP: ").append(headless ? "None" : ip(10, 96, i))
          .append("\n  ports:\n  - name: http\n    protocol: TCP\n    port: 80\n    targetPort: 8080\n");
      if (headless) {
        yaml.append("---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: svc-")
            .append(i).append("-abcde\n  namespace: ").append(namespace)
            .append("\n  labels:\n    kubernetes.io/service-name: svc-").append(i)
            .append("\naddressType: IPv4\nports:\n- name: http\n  protocol: TCP\n  port: 8080\nendpoints:\n");
        for (int e = 0; e < endpointsPerHeadless; e++, pod++) {
          yaml.append("- addresses: [\"").append(ip(10, 244, pod)).append("\"]\n")
              .append("  conditions: {ready: true}\n")
              .append("  targetRef: {kind: Pod, namespace: ").append(namespace)
              .append(", name: svc-").append(i).append("-pod-").append(e).append("}\n");
        }
      }
    }
    return yaml.toString();
  }

  /** One headless Service with {@code endpoints} endpoints in one slice. */
  static String headless(int endpoints) {
    StringBuilder yaml = new StringBuilder(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: big\n  namespace: default\n"
            + "spec:\n  clusterIP: None\n  ports:\n  - name: http\n    port: 80\n"
            + "---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: big-1\n"
            + "  namespace: default\n  labels:\n    kubernetes.io/service-name: big\n"
            + "addressType: IPv4\nports:\n- name: http\n  port: 80\nendpoints:\n");
    for (int e = 0; e < endpoints; e++) {
      yaml.append("- addresses: [\"").append(ip(10, 244, e)).append("\"]\n  hostname: web-").append(e)
          .append('\n');
    }
    return yaml.toString();
  }

  private static String ip(int a, int b, int n) {
    return a + "." + b + "." + (n / 250) % 256 + "." + (n % 250 + 1);
  }
}
