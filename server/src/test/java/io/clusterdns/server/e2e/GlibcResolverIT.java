package io.clusterdns.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
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
    NamespacedScript.assumeRoot();
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

    Path script = NamespacedScript.copy("glibc-resolver.sh", work);
    List<String> args = new ArrayList<>(List.of(work.toString()));
    args.addAll(expected.keySet());
    String output = NamespacedScript.run(Duration.ofSeconds(20), script, args);
    Map<String, String> actual = NamespacedScript.results(output);
    assertEquals(expected, actual, output);
  }
}
