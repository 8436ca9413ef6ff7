package io.clusterdns.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries per lookup that glibc's resolver (getent) sends from a Pod of namespace default, with
 * the kubelet's search path and ndots:5, for a short in-cluster name, a name in another
 * namespace and an external name, with and without autopath (the table in the autopath README).
 * Server and client run in a private network and mount namespace ({@code unshare -nm}, root only:
 * CI runs as root); the external name comes from another server block that both forward to.
 */
class AutopathGlibcIT {
  private static final List<String> NAMES = List.of("web", "api.shop", "www.example.org");
  private static final String WITHOUT = "127.0.0.1";
  private static final String WITH = "127.0.0.2";

  @TempDir Path work;

  @Test
  void autopathEndsTheWalkAtTheFirstQueryForEveryNameThatExists() throws Exception {
    NamespacedScript.assumeRoot();
    Map<String, String> measured = measure();
    System.out.println("queries per lookup (127.0.0.1 without autopath, 127.0.0.2 with): " + measured);

    assertEquals(counts(
        WITHOUT + " hosts web -> 10.96.0.20 queries=6",
        WITHOUT + " hosts api.shop -> 10.96.0.30 queries=7",
        WITHOUT + " hosts www.example.org -> 192.0.2.80 queries=10",
        WITHOUT + " ahostsv4 web -> 10.96.0.20 queries=1",
        WITHOUT + " ahostsv4 api.shop -> 10.96.0.30 queries=2",
        WITHOUT + " ahostsv4 www.example.org -> 192.0.2.80 queries=5",
        // AAAA for web: the Service has no IPv6 address, a NODATA that glibc walks on.
        WITH + " hosts web -> 10.96.0.20 queries=6",
        WITH + " hosts api.shop -> 10.96.0.30 queries=2",
        WITH + " hosts www.example.org -> 192.0.2.80 queries=2",
        WITH + " ahostsv4 web -> 10.96.0.20 queries=1",
        WITH + " ahostsv4 api.shop -> 10.96.0.30 queries=1",
        WITH + " ahostsv4 www.example.org -> 192.0.2.80 queries=1"), measured);
  }

  /**
   * One jar with a block per configuration, each bound to its own address (a second jar would
   * double the test's time, which is mostly the JVM starting).
   */
  private Map<String, String> measure() throws Exception {
    Path script = NamespacedScript.copy("autopath-queries.sh", work);
    Path cluster = NamespacedScript.copy("autopath-cluster.yaml", work);
    Path corefile = work.resolve("Corefile");
    Files.writeString(corefile, block(WITHOUT, "", cluster)
        + block(WITH, "  autopath @kubernetes\n", cluster)
        + ".:5353 {\n  bind 127.0.0.1\n  hosts {\n    192.0.2.80 www.example.org\n  }\n}\n");
    List<String> args = new ArrayList<>(List.of(work.toString(), corefile.toString(), WITHOUT + "," + WITH));
    args.addAll(NAMES);
    String output = NamespacedScript.run(Duration.ofSeconds(90), script, args);
    Map<String, String> lines = NamespacedScript.results(output);
    assertEquals(4 * NAMES.size(), lines.size(), output);
    return lines;
  }

  private static String block(String address, String autopath, Path cluster) {
    return ".:53 {\n"
        + "  bind " + address + "\n"
        + "  log . \"QUERY {type} {name}\"\n"
        + autopath
        + "  kubernetes cluster.local {\n    manifests " + cluster + "\n    pods verified\n  }\n"
        + "  forward . 127.0.0.1:5353\n"
        + "}\n";
  }

  private static Map<String, String> counts(String... lines) {
    Map<String, String> expected = new LinkedHashMap<>();
    for (String line : lines) {
      String[] parts = line.split(" -> ", 2);
      expected.put(parts[0], parts[1]);
    }
    return expected;
  }
}
