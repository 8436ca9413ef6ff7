package io.clusterdns.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
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
    NamespacedScript.assumeRoot();
    Map<String, String> expected = new LinkedHashMap<>(PodChecks.searchPath());
    expected.putAll(PodChecks.answers("127.0.0.1"));
    expected.put("http 127.0.0.1:8080/health", "200");
    expected.put("http 127.0.0.1:8181/ready", "200");
    expected.put("metrics coredns_dns_requests_total", "present");

    Path script = NamespacedScript.copy("kubeadm-corefile.sh", work);
    for (String sourced : List.of("nsd-upstream.sh", "pod-checks.sh", "node-namespace.sh")) {
      NamespacedScript.copy(sourced, work);
    }
    Path corefile = NamespacedScript.copy("kubeadm.Corefile", work);
    String output = NamespacedScript.run(Duration.ofSeconds(120), script,
        List.of(work.toString(), System.getProperty("java.class.path"), corefile.toString()));
    Map<String, String> actual = NamespacedScript.results(output);
    assertEquals(expected, actual, output + "\nserver log:\n" + NamespacedScript.read(work.resolve("server.log")));
  }
}
