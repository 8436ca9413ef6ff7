package io.clusterdns.server.deploy;

import static io.clusterdns.server.deploy.DeployManifests.KUBE_SYSTEM;
import static io.clusterdns.server.deploy.DeployManifests.NODE_LOCAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.Corefile;
import io.clusterdns.config.CorefileParser;
import io.clusterdns.config.Directive;
import io.clusterdns.config.ServerBlock;
import io.clusterdns.config.ServerKey;
import io.clusterdns.server.ClusterDns;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The manifests under deploy/ as a cluster reads them: every object parses into fabric8's model,
 * the Corefile each workload mounts is valid for this server, and the pod's ports and probes are
 * the ones that Corefile's plugins open.
 */
class DeployManifestsTest {
  /** What the kubelet sets for the kube-dns-upstream Service the node-local Corefile names. */
  private static final Map<String, String> NODE_LOCAL_ENV =
      Map.of("KUBE_DNS_UPSTREAM_SERVICE_HOST", "10.96.0.11");

  @Test
  void kubeSystemHasCoreDnsObjectsUnderTheirNames() throws Exception {
    List<HasMetadata> objects = DeployManifests.objects(KUBE_SYSTEM);
    Set<String> found = new TreeSet<>();
    for (HasMetadata object : objects) {
      boolean clusterScoped = object instanceof ClusterRole || object instanceof ClusterRoleBinding;
      assertEquals(clusterScoped ? null : "kube-system", object.getMetadata().getNamespace(),
          object.getKind() + " " + object.getMetadata().getName());
      found.add(object.getKind() + "/" + object.getMetadata().getName());
    }
    assertEquals(new TreeSet<>(List.of("ClusterRole/system:coredns", "ClusterRoleBinding/system:coredns",
        "ConfigMap/coredns", "Deployment/coredns", "PodDisruptionBudget/coredns", "Service/kube-dns",
        "ServiceAccount/coredns")), found);

    Deployment deployment = DeployManifests.only(objects, Deployment.class);
    assertEquals(2, deployment.getSpec().getReplicas());
    assertEquals(Map.of("k8s-app", "kube-dns"), deployment.getSpec().getSelector().getMatchLabels());
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertEquals("coredns", pod.getServiceAccountName());
    assertEquals("kubernetes.io/hostname", pod.getAffinity().getPodAntiAffinity()
        .getPreferredDuringSchedulingIgnoredDuringExecution().get(0).getPodAffinityTerm().getTopologyKey());
    Container container = pod.getContainers().get(0);
    assertEquals("clusterdns:latest", container.getImage());
    assertEquals(List.of("-conf", "/etc/coredns/Corefile"), container.getArgs());
    assertEquals("70Mi", container.getResources().getRequests().get("memory").toString());
    assertEquals("170Mi", container.getResources().getLimits().get("memory").toString());
    assertRestrictedContainer(container);

    Service service = DeployManifests.only(objects, Service.class);
    assertEquals("10.96.0.10", service.getSpec().getClusterIP());
    assertEquals(deployment.getSpec().getSelector().getMatchLabels(), service.getSpec().getSelector());
    PodDisruptionBudget budget = DeployManifests.only(objects, PodDisruptionBudget.class);
    assertEquals(deployment.getSpec().getSelector(), budget.getSpec().getSelector());

    ClusterRoleBinding binding = DeployManifests.only(objects, ClusterRoleBinding.class);
    ServiceAccount account = DeployManifests.only(objects, ServiceAccount.class);
    assertEquals(DeployManifests.only(objects, ClusterRole.class).getMetadata().getName(),
        binding.getRoleRef().getName());
    assertEquals(account.getMetadata().getName(), binding.getSubjects().get(0).getName());
    assertEquals(account.getMetadata().getNamespace(), binding.getSubjects().get(0).getNamespace());
  }

  @Test
  void kubeSystemCorefileIsKubeadmsAndValid() throws Exception {
    List<HasMetadata> objects = DeployManifests.objects(KUBE_SYSTEM);
    String corefile = DeployManifests.corefile(objects,
        DeployManifests.podSpec(DeployManifests.only(objects, Deployment.class)));
    Corefile parsed = parse(corefile, name -> null);
    assertEquals(List.of("errors", "health", "ready", "kubernetes", "prometheus", "forward", "cache",
        "loop", "reload", "loadbalance"), parsed.blocks().get(0).directives().stream()
        .map(Directive::nameText).toList());
    ClusterDns.builder().corefile(corefile).validate();
  }

  @Test
  void kubeSystemPortsAndProbesAreWhatTheCorefileOpens() throws Exception {
    List<HasMetadata> objects = DeployManifests.objects(KUBE_SYSTEM);
    Deployment deployment = DeployManifests.only(objects, Deployment.class);
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    Corefile corefile = parse(DeployManifests.corefile(objects,
        deployment.getSpec().getTemplate().getSpec()), name -> null);
    Listeners opened = Listeners.of(corefile);

    assertEquals(opened.containerPorts(), ports(container));
    assertProbe(container, container.getLivenessProbe().getHttpGet(), opened.health(), "/health");
    assertProbe(container, container.getReadinessProbe().getHttpGet(), opened.ready(), "/ready");

    Service service = DeployManifests.only(objects, Service.class);
    Set<String> servicePorts = new TreeSet<>();
    for (var port : service.getSpec().getPorts()) {
      assertEquals(port.getPort(), resolve(container, port.getTargetPort()), port.getName());
      servicePorts.add(port.getProtocol() + "/" + port.getPort());
    }
    Set<String> served = new TreeSet<>();
    opened.dnsPorts().forEach(p -> served.addAll(List.of("UDP/" + p, "TCP/" + p)));
    served.add("TCP/" + opened.metrics().port());
    assertEquals(served, servicePorts);
  }

  @Test
  void nodeLocalIsTheNodeLocalCacheLayoutAndValid() throws Exception {
    List<HasMetadata> objects = DeployManifests.objects(NODE_LOCAL);
    DaemonSet daemonSet = DeployManifests.only(objects, DaemonSet.class);
    PodSpec pod = daemonSet.getSpec().getTemplate().getSpec();
    assertTrue(pod.getHostNetwork(), "hostNetwork");
    Container container = pod.getContainers().get(0);
    assertEquals("clusterdns:latest", container.getImage());
    assertRestrictedContainer(container);

    // kube-dns-upstream must be applied before the pods, which take its address from the kubelet
    List<String> order = objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    assertTrue(order.indexOf("Service/kube-dns-upstream") < order.indexOf("DaemonSet/node-local-dns"), order::toString);
    Service upstream = DeployManifests.named(objects, Service.class, "kube-dns-upstream").orElseThrow();
    assertEquals(Map.of("k8s-app", "kube-dns"), upstream.getSpec().getSelector());

    String text = DeployManifests.corefile(objects, pod);
    Corefile corefile = parse(text, NODE_LOCAL_ENV::get);
    for (ServerBlock block : corefile.blocks()) {
      Directive bind = directive(block, "bind");
      assertEquals(List.of("169.254.20.10", "10.96.0.10"), bind.args().stream().map(t -> t.text()).toList(),
          "bind of " + block.keys());
      Directive forward = directive(block, "forward");
      String zone = block.keys().get(0).zone();
      String to = forward.args().get(1).text();
      assertEquals(zone.equals(".") ? "/etc/resolv.conf" : "10.96.0.11", to, "forward of " + zone);
    }
    Listeners opened = Listeners.of(corefile);
    assertEquals(opened.containerPorts(), ports(container));
    assertProbe(container, container.getLivenessProbe().getHttpGet(), opened.health(), "/health");
    ClusterDns.builder().corefile(text).environment(NODE_LOCAL_ENV::get).validate();
  }

  private static void assertRestrictedContainer(Container container) {
    var security = container.getSecurityContext();
    assertTrue(security.getRunAsNonRoot(), "runAsNonRoot");
    assertTrue(security.getReadOnlyRootFilesystem(), "readOnlyRootFilesystem");
    assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation());
    assertEquals(List.of("ALL"), security.getCapabilities().getDrop());
    assertEquals(List.of("NET_BIND_SERVICE"), security.getCapabilities().getAdd());
    assertEquals("IfNotPresent", container.getImagePullPolicy());
  }

  private static void assertProbe(Container container, HTTPGetAction probe, Listeners.Http http, String path) {
    assertEquals(path, probe.getPath());
    assertEquals(http.port(), resolve(container, probe.getPort()), path + " port");
    assertEquals(http.host(), probe.getHost() == null ? "" : probe.getHost(), path + " host");
  }

  /** A port given by number or by the name of a container port. */
  private static int resolve(Container container, IntOrString port) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
        .findFirst().orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()))
        .getContainerPort();
  }

  private static Set<String> ports(Container container) {
    Set<String> ports = new TreeSet<>();
    for (ContainerPort port : container.getPorts()) {
      ports.add(port.getProtocol() + "/" + port.getContainerPort());
    }
    return ports;
  }

  private static Directive directive(ServerBlock block, String name) {
    return block.directives().stream().filter(d -> d.nameText().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(block.keys() + " has no " + name));
  }

  static Corefile parse(String text, Function<String, String> environment) throws Exception {
    return CorefileParser.parse(text, "Corefile", Path.of("."), environment);
  }

  /** What a Corefile's plugins listen on, with CoreDNS's defaults for an address left out. */
  record Listeners(Set<Integer> dnsPorts, Http health, Http ready, Http metrics) {
    record Http(String host, int port) {
      static Http parse(Directive directive, int defaultPort) {
        if (directive == null) {
          return null;
        }
        if (directive.args().isEmpty()) {
          return new Http("", defaultPort);
        }
        String address = directive.args().get(0).text();
        int colon = address.lastIndexOf(':');
        return new Http(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
      }
    }

    static Listeners of(Corefile corefile) {
      Set<Integer> dns = new TreeSet<>();
      Directive health = null;
      Directive ready = null;
      Directive metrics = null;
      for (ServerBlock block : corefile.blocks()) {
        for (ServerKey key : block.keys()) {
          dns.add(key.portOr(53));
        }
        for (Directive directive : block.directives()) {
          switch (directive.nameText()) {
            case "health" -> health = directive;
            case "ready" -> ready = directive;
            case "prometheus" -> metrics = directive;
            default -> { }
          }
        }
      }
      return new Listeners(dns, Http.parse(health, 8080), Http.parse(ready, 8181), Http.parse(metrics, 9153));
    }

    /** The container ports a pod declares for these listeners. */
    Set<String> containerPorts() {
      Set<String> ports = new TreeSet<>();
      dnsPorts.forEach(p -> ports.addAll(List.of("UDP/" + p, "TCP/" + p)));
      // probes on a wildcard address go through the pod's port; one on a node address (the
      // node-local cache's health) is reached there directly, as in NodeLocal DNSCache
      for (Http http : new Http[] {health, ready}) {
        if (http != null && http.host().isEmpty()) {
          ports.add("TCP/" + http.port());
        }
      }
      if (metrics != null) {
        ports.add("TCP/" + metrics.port());
      }
      return ports;
    }
  }
}
