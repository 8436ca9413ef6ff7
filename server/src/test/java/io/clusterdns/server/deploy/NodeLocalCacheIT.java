package io.clusterdns.server.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.server.e2e.NamespacedScript;
import io.clusterdns.server.e2e.PodChecks;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/node-local run on one node, as far as a machine without a cluster allows: the
 * DaemonSet's init container script and the ConfigMap's Corefile, taken from the manifest, in a
 * private network namespace standing for the node (hostNetwork), with the cluster DNS behind
 * kube-dns-upstream (a second ClusterDNS) and the node's resolver (NSD) on addresses of their
 * own; pods ask 169.254.20.10 through glibc and dig. Root only ({@code unshare -nm}); CI runs as
 * root.
 */
class NodeLocalCacheIT {
  @TempDir Path work;

  @Test
  void theNodeLocalLayoutAnswersPodsOnItsTwoAddressesOnly() throws Exception {
    NamespacedScript.assumeRoot();
    List<HasMetadata> objects = DeployManifests.objects(DeployManifests.NODE_LOCAL);
    PodSpec pod = DeployManifests.podSpec(DeployManifests.only(objects, DaemonSet.class));
    Path corefile = Files.writeString(work.resolve("node-local.Corefile"), DeployManifests.corefile(objects, pod));
    Container init = pod.getInitContainers().stream()
        .filter(c -> c.getName().equals("setup-interface")).findFirst().orElseThrow();
    assertEquals(List.of("sh", "-c"), init.getCommand().subList(0, 2), "the init container runs a shell script");
    Path initScript = Files.writeString(work.resolve("setup-interface.sh"), init.getCommand().get(2));
    Path manifests = Files.createDirectories(work.resolve("k8s"));
    try (var in = NodeLocalCacheIT.class.getResourceAsStream("/io/clusterdns/server/example/cluster.yaml")) {
      Files.copy(in, manifests.resolve("cluster.yaml"));
    }
    Path script = NamespacedScript.copy("node-local-cache.sh", work);
    for (String sourced : List.of("node-namespace.sh", "nsd-upstream.sh", "pod-checks.sh")) {
      NamespacedScript.copy(sourced, work);
    }

    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("init nodelocaldns", "10.96.0.10/32,169.254.20.10/32");
    expected.put("listening udp 53", "10.96.0.10:53,169.254.20.10:53");
    expected.put("listening tcp 53", "10.96.0.10:53,169.254.20.10:53");
    expected.putAll(PodChecks.searchPath());
    expected.putAll(PodChecks.answers("169.254.20.10"));
    expected.put("dig @10.96.0.10 nginx-service.default.svc.cluster.local A", "10.96.120.15");
    expected.put("dig @10.96.0.10 +tcp nginx-service.default.svc.cluster.local A", "10.96.120.15");
    // The node's own address and loopback: port 53 there is not the node-local cache's.
    expected.put("dig @10.0.0.5 nginx-service.default.svc.cluster.local A", "NOANSWER");
    expected.put("dig @10.0.0.5 +tcp nginx-service.default.svc.cluster.local A", "NOANSWER");
    expected.put("dig @127.0.0.1 nginx-service.default.svc.cluster.local A", "NOANSWER");
    expected.put("http 169.254.20.10:8080/health", "200");
    expected.put("metrics coredns_dns_requests_total", "present");
    expected.put("upstream protocols", "tcp");

    String output = NamespacedScript.run(Duration.ofSeconds(150), script, List.of(
        work.toString(), corefile.toString(), initScript.toString(), manifests.toString()));
    Map<String, String> actual = NamespacedScript.results(output);
    assertEquals(expected, actual, output + "\nnode-local log:\n" + NamespacedScript.read(work.resolve("server.log"))
        + "\nupstream log:\n" + NamespacedScript.read(work.resolve("upstream.log")));
  }
}
