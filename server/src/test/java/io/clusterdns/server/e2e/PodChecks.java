package io.clusterdns.server.e2e;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The results that the shared checks of {@code e2e/pod-checks.sh} print for the example cluster
 * and NSD's {@code example.test}, as {@link NamespacedScript#results} reads them.
 */
public final class PodChecks {
  private PodChecks() {}

  /** {@code search_path_checks}: names through glibc and the pod's search path, and two misses. */
  public static Map<String, String> searchPath() {
    return ordered(
        "getent nginx-service", "10.96.120.15",
        "getent nginx-service.default", "10.96.120.15",
        "getent kube-dns.kube-system", "10.96.0.10",
        "getent nginx-headless-service", "10.244.3.46,10.244.3.47,10.244.3.48",
        "getent www.example.test", "198.51.100.80",
        "getent no-such-host.example.test", "NOTFOUND",
        "rcode www.example.test.default.svc.cluster.local A", "NXDOMAIN",
        "rcode no-such-host.example.test A", "NXDOMAIN");
  }

  /** {@code answer_checks AT}: what the server at {@code at} answers dig for. */
  public static Map<String, String> answers(String at) {
    String dig = "dig @" + at + " ";
    return ordered(
        dig + "nginx-headless-service.default.svc.cluster.local A", "10.244.3.46,10.244.3.47,10.244.3.48",
        dig + "my-database.default.svc.cluster.local A", "198.51.100.5,db.example.com.",
        dig + "www.example.test A", "198.51.100.80",
        dig + "-x 10.96.0.10", "kube-dns.kube-system.svc.cluster.local.",
        dig + "-x 198.51.100.80", "www.example.test.");
  }

  /** The checks and their results, given in turn, in that order. */
  private static Map<String, String> ordered(String... checksAndResults) {
    Map<String, String> results = new LinkedHashMap<>();
    for (int i = 0; i < checksAndResults.length; i += 2) {
      results.put(checksAndResults[i], checksAndResults[i + 1]);
    }
    return results;
  }
}
