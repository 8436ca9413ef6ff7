package io.clusterdns.server.deploy;

import static io.clusterdns.server.deploy.DeployManifests.KUBE_SYSTEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.Corefile;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import io.clusterdns.server.ClusterDns;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ClusterRole grants exactly what the kubernetes plugin asks the API for: the plugin of the
 * ConfigMap's Corefile runs against a mock API, and every request it makes (its informers' lists
 * and watches) is read back as a (group, resource, verb) that the role must allow, with nothing
 * left over in the role.
 */
class RbacMatchesInformersTest {
  private KubernetesMockServer api;

  @BeforeEach
  void startApi() {
    api = new KubernetesMockServer(
        new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    api.init(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stopApi() {
    api.destroy();
  }

  @Test
  void clusterRoleIsWhatTheConfigMapsKubernetesPluginWatches() throws Exception {
    List<HasMetadata> objects = DeployManifests.objects(KUBE_SYSTEM);
    Corefile corefile = DeployManifestsTest.parse(DeployManifests.corefile(objects,
        DeployManifests.podSpec(DeployManifests.only(objects, Deployment.class))), name -> null);
    Directive kubernetes = corefile.blocks().get(0).directives().stream()
        .filter(d -> d.nameText().equals("kubernetes")).findFirst().orElseThrow();

    Set<String> requested = requestsOf(kubernetes.block().stream().map(RbacMatchesInformersTest::line).toList());

    assertEquals(granted(DeployManifests.only(objects, ClusterRole.class)), requested);
  }

  /** The reason the role has no pods: the plugin watches them only under `pods verified`. */
  @Test
  void podsVerifiedWouldAlsoWatchPods() throws Exception {
    Set<String> requested = requestsOf(List.of("pods verified"));
    assertTrue(requested.containsAll(Set.of("/pods list", "/pods watch")), requested::toString);
  }

  /** "group/resource verb" for each request a kubernetes plugin with these options makes. */
  private Set<String> requestsOf(List<String> options) throws Exception {
    String url = "http://127.0.0.1:" + api.getPort();
    String corefile = ".:0 {\n  kubernetes cluster.local in-addr.arpa ip6.arpa {\n    "
        + String.join("\n    ", options) + "\n    endpoint " + url + "\n    startup_timeout 60s\n  }\n}\n";
    Set<String> requests = new TreeSet<>();
    try (ClusterDns dns = ClusterDns.builder().corefile(corefile).start()) {
      assertTrue(dns.isReady(), "synced");
      // Synced: every informer has made its list, so all of them are queued already; taking
      // them all first keeps a watch that comes late (a loaded machine) from ending the wait
      // before the lists behind it are seen.
      for (RecordedRequest request; (request = api.takeRequest(0, TimeUnit.MILLISECONDS)) != null; ) {
        requests.add(describe(request.getMethod(), request.getPath()));
      }
      // an informer lists, then watches; the role is complete once every list has its watch
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (requests.isEmpty() || !everyListWatched(requests)) {
        RecordedRequest request = api.takeRequest(100, TimeUnit.MILLISECONDS);
        if (request != null) {
          requests.add(describe(request.getMethod(), request.getPath()));
        }
        assertTrue(System.nanoTime() < deadline, () -> "lists without their watch: " + requests);
      }
      // anything else the plugin asks for at start
      for (RecordedRequest request; (request = api.takeRequest(100, TimeUnit.MILLISECONDS)) != null; ) {
        requests.add(describe(request.getMethod(), request.getPath()));
      }
    }
    return requests;
  }

  private static boolean everyListWatched(Set<String> requests) {
    return requests.stream().filter(r -> r.endsWith(" list"))
        .allMatch(r -> requests.contains(r.replace(" list", " watch")));
  }

  private static String describe(String method, String path) {
    int query = path.indexOf('?');
    String[] segments = (query < 0 ? path : path.substring(0, query)).substring(1).split("/");
    boolean core = segments[0].equals("api");
    String group = core ? "" : segments[1];
    int rest = core ? 2 : 3;
    boolean namespaced = segments.length > rest + 2 && segments[rest].equals("namespaces");
    int resource = namespaced ? rest + 2 : rest;
    boolean named = segments.length > resource + 1;
    String verb = !method.equals("GET") ? method.toLowerCase()
        : path.contains("watch=true") ? "watch" : named ? "get" : "list";
    return group + "/" + segments[resource] + " " + verb;
  }

  private static Set<String> granted(ClusterRole role) {
    Set<String> granted = new TreeSet<>();
    for (PolicyRule rule : role.getRules()) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            granted.add(group + "/" + resource + " " + verb);
          }
        }
      }
    }
    return granted;
  }

  private static String line(Directive directive) {
    return directive.nameText() + directive.args().stream().map(Token::text)
        .map(text -> " " + text).collect(Collectors.joining());
  }
}
