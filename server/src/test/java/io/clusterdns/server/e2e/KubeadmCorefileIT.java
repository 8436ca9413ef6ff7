package io.clusterdns.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Corefile kubeadm installs in every cluster, byte for byte, runs unchanged against the jar:
 * cluster names from the API, external names, search-path misses and reverse names through
 * {@code forward . /etc/resolv.conf} to an NSD upstream, through glibc and dig, with health,
 * ready and metrics answering. Root only ({@code unshare -nm}); CI runs as root.
 */
class KubeadmCorefileIT {
  @TempDir Path work;

  @Test
  void kubeadmCorefileServesAPodAsCoreDnsWould() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for unshare -nm");
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("getent nginx-service", "10.96.120.15");
    expected.put("getent nginx-service.default", "10.96.120.15");
    expected.put("getent kube-dns.kube-system", "10.96.0.10");
    expected.put("getent nginx-headless-service", "10.244.3.46,10.244.3.47,10.244.3.48");
    expected.put("getent www.example.test", "198.51.100.80");
    expected.put("getent no-such-host.example.test", "NOTFOUND");
    expected.put("dig @127.0.0.1 www.example.test A", "198.51.100.80");
    expected.put("dig @127.0.0.1 nginx-headless-service.default.svc.cluster.local A", "10.244.3.46,10.244.3.47,10.244.3.48");
    expected.put("dig @127.0.0.1 my-database.default.svc.cluster.local A", "198.51.100.5,db.example.com.");
    expected.put("dig @127.0.0.1 -x 10.96.0.10", "kube-dns.kube-system.svc.cluster.local.");
    expected.put("dig @127.0.0.1 -x 198.51.100.80", "www.example.test.");
    expected.put("rcode www.example.test.default.svc.cluster.local A", "NXDOMAIN");
    expected.put("rcode no-such-host.example.test A", "NXDOMAIN");
    expected.put("http 127.0.0.1:8080/health", "200");
    expected.put("http 127.0.0.1:8181/ready", "200");
    expected.put("metrics coredns_dns_requests_total", "present");

    Path script = copy("/e2e/kubeadm-corefile.sh");
    copy("/e2e/nsd-upstream.sh");
    copy("/e2e/pod-checks.sh");
    copy("/e2e/node-namespace.sh");
    Path corefile = copy("/e2e/kubeadm.Corefile");
    String output = JarProcess.run(Duration.ofSeconds(120), "unshare", "--net", "--mount", "bash", script.toString(),
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        JarProcess.JAR.toAbsolutePath().toString(), work.toString(),
        System.getProperty("java.class.path"), corefile.toString());

    Map<String, String> actual = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      String[] parts = line.split(" -> ", 2);
      if (parts.length == 2) {
        actual.put(parts[0], parts[1]);
      }
    }
    assertEquals(expected, actual, output + "\nserver log:\n" + read(work.resolve("server.log")));
  }

  private Path copy(String resource) throws Exception {
    Path file = work.resolve(Path.of(resource).getFileName().toString());
    try (var in = KubeadmCorefileIT.class.getResourceAsStream(resource)) {
      Files.copy(in, file);
    }
    return file;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (Exception e) {
      return "(none: " + e + ")";
    }
  }
}
