package io.clusterdns.server.e2e;

import io.clusterdns.plugin.cluster.source.MockApi;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * fabric8's CRUD mock API holding the built-in example cluster, as a process of its own, for
 * end-to-end tests that run the jar where no test JVM can reach (a private network namespace):
 * {@code java -cp TEST_CLASSPATH io.clusterdns.server.e2e.ExampleClusterApi KUBECONFIG}. Writes a
 * kubeconfig for the API to KUBECONFIG, prints {@code ready}, and runs until its standard input
 * closes.
 */
public final class ExampleClusterApi {
  private ExampleClusterApi() {}

  public static void main(String[] args) throws Exception {
    try (MockApi api = new MockApi().start()) {
      try (InputStream yaml =
          ExampleClusterApi.class.getResourceAsStream("/io/clusterdns/server/example/cluster.yaml")) {
        for (HasMetadata object : api.client().load(yaml).items()) {
          api.client().resource(object).create();
        }
      }
      Files.writeString(Path.of(args[0]), String.join("\n",
          "apiVersion: v1",
          "kind: Config",
          "clusters:",
          "- name: mock",
          "  cluster:",
          "    server: " + api.url(),
          "contexts:",
          "- name: mock",
          "  context:",
          "    cluster: mock",
          "    user: mock",
          "current-context: mock",
          "users:",
          "- name: mock",
          "  user:",
          "    token: mock",
          ""));
      System.out.println("ready");
      while (System.in.read() >= 0) {
        // Runs until the test closes our standard input.
      }
    }
  }
}
