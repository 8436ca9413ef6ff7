package io.clusterdns.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The example cluster the server runs with no {@code -conf}: a Corefile and Kubernetes YAML
 * shipped in the jar. The YAML is copied to a temporary directory because the manifests source
 * watches real files.
 */
final class BuiltInExample {
  static final int PORT = 1053;
  private static final String BASE = "/io/clusterdns/server/example/";

  private final String corefile;
  private final Path manifests;

  private BuiltInExample(String corefile, Path manifests) {
    this.corefile = corefile;
    this.manifests = manifests;
  }

  static BuiltInExample extract() {
    try {
      Path directory = Files.createTempDirectory("clusterdns-example");
      directory.toFile().deleteOnExit();
      Path cluster = directory.resolve("cluster.yaml");
      try (InputStream in = resource("cluster.yaml")) {
        Files.copy(in, cluster, StandardCopyOption.REPLACE_EXISTING);
      }
      cluster.toFile().deleteOnExit();
      String corefile;
      try (InputStream in = resource("Corefile")) {
        corefile = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return new BuiltInExample(corefile, cluster);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the built-in example: " + e.getMessage(), e);
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = BuiltInExample.class.getResourceAsStream(BASE + name);
    if (in == null) {
      throw new IOException(BASE + name + " is missing from the jar");
    }
    return in;
  }

  /**
   * Deletes the unpacked files now: a SIGTERM ends the JVM with {@code halt} (for exit status 0),
   * which skips {@code deleteOnExit}.
   */
  void delete() {
    try {
      Files.deleteIfExists(manifests);
      Files.deleteIfExists(manifests.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the unpacked example: " + e.getMessage(), e);
    }
  }

  String corefile() {
    return corefile;
  }

  /** The environment the example Corefile is read with. */
  String environment(String name) {
    return "CLUSTERDNS_EXAMPLE_MANIFESTS".equals(name) ? manifests.toString() : System.getenv(name);
  }

  String howToQuery(int port) {
    String dig = "dig @127.0.0.1 -p " + port + " ";
    return String.join(
        System.lineSeparator(),
        "Serving the built-in example cluster on 127.0.0.1 port " + port + " (udp and tcp). Try:",
        "  " + dig + "nginx-service.default.svc.cluster.local",
        "  " + dig + "nginx-headless-service.default.svc.cluster.local",
        "  " + dig + "_http._tcp.nginx-service.default.svc.cluster.local SRV",
        "  " + dig + "kube-dns.kube-system.svc.cluster.local",
        "  " + dig + "-x 10.96.0.10",
        "  " + dig + "+tcp dns-version.cluster.local TXT",
        "  " + dig + "hello-john.test",
        "  " + dig + "numbers-web.default.test",
        "Stop with Ctrl-C.");
  }
}
