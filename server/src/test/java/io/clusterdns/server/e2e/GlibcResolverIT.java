package io.clusterdns.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * glibc's own resolver (getent), with a pod's resolv.conf (search path, ndots:5), against the
 * jar serving the built-in example on port 53. glibc reads only /etc/resolv.conf and port 53,
 * so server and client run in a private network and mount namespace ({@code unshare -nm}, root
 * only: CI runs as root) and nothing on the machine is touched.
 */
class GlibcResolverIT {
  @TempDir Path work;

  @Test
  void podStyleShortNamesResolveThroughTheSearchPath() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for unshare -nm");
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("nginx-service", "10.96.120.15");
    expected.put("nginx-service.default", "10.96.120.15");
    expected.put("nginx-service.default.svc.cluster.local", "10.96.120.15");
    expected.put("kube-dns.kube-system", "10.96.0.10");
    expected.put("nginx-headless-service", "10.244.3.46,10.244.3.47,10.244.3.48");
    expected.put("web-0.web", "10.244.1.10");
    expected.put("app2-svc.shop", "10.96.99.99");
    expected.put("external-backend", "10.96.200.20");
    expected.put("hello-john.test", "192.168.49.2");
    expected.put("numbers-web.default.test", "192.168.49.200");
    expected.put("no-such-service", "NOTFOUND");
    expected.put("nginx-service.no-such-namespace", "NOTFOUND");

    Path script = work.resolve("glibc-resolver.sh");
    try (var in = GlibcResolverIT.class.getResourceAsStream("/e2e/glibc-resolver.sh")) {
      Files.copy(in, script);
    }
    List<String> command = new ArrayList<>(List.of("unshare", "--net", "--mount", "bash", script.toString(),
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        JarProcess.JAR.toAbsolutePath().toString(), work.toString()));
    command.addAll(expected.keySet());
    String output = JarProcess.run(command.toArray(String[]::new));

    Map<String, String> actual = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      String[] parts = line.split(" -> ", 2);
      if (parts.length == 2) {
        actual.put(parts[0], parts[1]);
      }
    }
    assertEquals(expected, actual, output);
  }
}
