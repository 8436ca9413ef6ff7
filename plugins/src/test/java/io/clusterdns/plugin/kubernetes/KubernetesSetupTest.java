package io.clusterdns.plugin.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.Fallthrough;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.testkit.CorefileSnippets;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Name;

class KubernetesSetupTest {
  private static final FakeSetupContext BLOCK =
      new FakeSetupContext(Path.of("/etc/coredns"), "cluster.local.", "in-addr.arpa.");

  private static KubernetesOptions parse(String corefile) throws CorefileException {
    return KubernetesSetup.parse(CorefileSnippets.directive(corefile), BLOCK);
  }

  private static List<String> names(List<Name> names) {
    return names.stream().map(Name::toString).toList();
  }

  private static Arguments ok(String corefile, Consumer<KubernetesOptions> check) {
    return Arguments.of(corefile, check);
  }

  static Stream<Arguments> validCorefiles() {
    return Stream.of(
        ok("kubernetes", o -> {
          assertEquals(List.of("cluster.local.", "in-addr.arpa."), names(o.zones()));
          assertEquals("cluster.local.", o.primaryZone().toString());
          assertEquals(5, o.ttl());
          assertEquals(PodsMode.DISABLED, o.pods());
          assertEquals(Fallthrough.NEVER, o.fallthrough());
          assertFalse(o.noEndpoints());
          assertTrue(o.sourceOptions().watchEndpoints());
          assertFalse(o.sourceOptions().watchPods());
          assertEquals(Duration.ofSeconds(5), o.sourceOptions().startupTimeout());
          assertTrue(o.sourceOptions().manifests().isEmpty());
          assertNull(o.sourceOptions().endpoint());
        }),
        ok("kubernetes in-addr.arpa Cluster.Local ip6.arpa", o -> {
          assertEquals(List.of("in-addr.arpa.", "cluster.local.", "ip6.arpa."), names(o.zones()));
          assertEquals("cluster.local.", o.primaryZone().toString());
        }),
        ok("kubernetes cluster.local 10.96.0.0/24", o ->
            assertEquals(List.of("cluster.local.", "0.96.10.in-addr.arpa."), names(o.zones()))),
        ok("kubernetes cluster.local 10.96.0.0/23", o ->
            assertEquals(
                List.of("cluster.local.", "0.96.10.in-addr.arpa.", "1.96.10.in-addr.arpa."),
                names(o.zones()))),
        ok("kubernetes cluster.local 10.96.0.0/12", o -> {
          assertEquals(17, o.zones().size());
          assertEquals("96.10.in-addr.arpa.", o.zones().get(1).toString());
          assertEquals("111.10.in-addr.arpa.", o.zones().get(16).toString());
        }),
        ok("kubernetes cluster.local fd00:10:96::/62", o ->
            assertEquals(
                List.of(
                    "cluster.local.",
                    "0.0.0.0.6.9.0.0.0.1.0.0.0.0.d.f.ip6.arpa.",
                    "1.0.0.0.6.9.0.0.0.1.0.0.0.0.d.f.ip6.arpa.",
                    "2.0.0.0.6.9.0.0.0.1.0.0.0.0.d.f.ip6.arpa.",
                    "3.0.0.0.6.9.0.0.0.1.0.0.0.0.d.f.ip6.arpa."),
                names(o.zones()))),
        ok("kubernetes {\n endpoint https://10.0.0.1:6443 https://10.0.0.2:6443\n"
                + " tls cert.pem key.pem ca.pem\n}", o -> {
          assertEquals("https://10.0.0.1:6443", o.sourceOptions().endpoint());
          assertEquals(Path.of("/etc/coredns/cert.pem"), o.sourceOptions().tlsCert());
          assertEquals(Path.of("/etc/coredns/key.pem"), o.sourceOptions().tlsKey());
          assertEquals(Path.of("/etc/coredns/ca.pem"), o.sourceOptions().tlsCa());
        }),
        ok("kubernetes {\n kubeconfig /root/.kube/config prod\n}", o -> {
          assertEquals(Path.of("/root/.kube/config"), o.sourceOptions().kubeconfig());
          assertEquals("prod", o.sourceOptions().kubeconfigContext());
        }),
        ok("kubernetes {\n kubeconfig kubeconfig.yaml\n}", o -> {
          assertEquals(Path.of("/etc/coredns/kubeconfig.yaml"), o.sourceOptions().kubeconfig());
          assertNull(o.sourceOptions().kubeconfigContext());
        }),
        ok("kubernetes {\n namespaces Default kube-system\n}", o ->
            assertEquals(Set.of("default", "kube-system"), o.namespaces())),
        ok("kubernetes {\n namespace_labels istio-injection=enabled\n}", o -> {
          assertEquals("istio-injection=enabled", o.sourceOptions().namespaceLabelSelector());
          assertTrue(o.namespaces().isEmpty());
        }),
        ok("kubernetes {\n labels environment in (staging, qa),application=nginx\n}", o ->
            assertEquals(
                "environment in (staging, qa),application=nginx", o.sourceOptions().labelSelector())),
        ok("kubernetes {\n labels !canary,tier notin (db),app.kubernetes.io/name=web,rank>3\n}", o ->
            assertEquals(
                "!canary,tier notin (db),app.kubernetes.io/name=web,rank>3",
                o.sourceOptions().labelSelector())),
        ok("kubernetes {\n labels env==\n}", o -> assertEquals("env==", o.sourceOptions().labelSelector())),
        ok("kubernetes {\n pods insecure\n}", o -> assertEquals(PodsMode.INSECURE, o.pods())),
        ok("kubernetes {\n pods verified\n}", o -> {
          assertEquals(PodsMode.VERIFIED, o.pods());
          assertTrue(o.sourceOptions().watchPods());
        }),
        ok("kubernetes {\n pods disabled\n}", o -> assertEquals(PodsMode.DISABLED, o.pods())),
        ok("kubernetes {\n endpoint_pod_names\n}", o -> assertTrue(o.endpointPodNames())),
        ok("kubernetes {\n ttl 0\n}", o -> assertEquals(0, o.ttl())),
        ok("kubernetes {\n ttl 3600\n}", o -> assertEquals(3600, o.ttl())),
        ok("kubernetes {\n noendpoints\n}", o -> {
          assertTrue(o.noEndpoints());
          assertFalse(o.sourceOptions().watchEndpoints());
        }),
        ok("kubernetes {\n fallthrough\n}", o -> {
          assertEquals(Fallthrough.ALWAYS, o.fallthrough());
        }),
        ok("kubernetes {\n fallthrough in-addr.arpa ip6.arpa 10.0.0.0/24\n}", o ->
            assertEquals(
                List.of("in-addr.arpa.", "ip6.arpa.", "0.0.10.in-addr.arpa."),
                names(o.fallthrough().zones()))),
        ok("kubernetes {\n ignore empty_service\n}", o -> assertTrue(o.ignoreEmptyService())),
        ok("kubernetes {\n startup_timeout 1m30s\n}", o ->
            assertEquals(Duration.ofSeconds(90), o.sourceOptions().startupTimeout())),
        ok("kubernetes {\n manifests cluster/ extra.yaml /abs/more.yaml\n}", o ->
            assertEquals(
                List.of(
                    Path.of("/etc/coredns/cluster"),
                    Path.of("/etc/coredns/extra.yaml"),
                    Path.of("/abs/more.yaml")),
                o.sourceOptions().manifests())),
        ok("kubernetes {\n apiserver_qps 12.5\n apiserver_burst 20\n apiserver_max_inflight 8\n}", o ->
            assertEquals(new ApiClientLimits(12.5, 20, 8), o.apiLimits())),
        ok("kubernetes cluster.local in-addr.arpa ip6.arpa {\n pods insecure\n"
                + " fallthrough in-addr.arpa ip6.arpa\n ttl 30\n}", o -> {
          assertEquals(List.of("cluster.local.", "in-addr.arpa.", "ip6.arpa."), names(o.zones()));
          assertEquals(PodsMode.INSECURE, o.pods());
          assertEquals(30, o.ttl());
          assertEquals(List.of("in-addr.arpa.", "ip6.arpa."), names(o.fallthrough().zones()));
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validCorefiles")
  void parsesValidCorefile(String corefile, Consumer<KubernetesOptions> check) throws Exception {
    check.accept(parse(corefile));
  }

  static Stream<Arguments> invalidCorefiles() {
    return Stream.of(
        Arguments.of("kubernetes in-addr.arpa 10.0.0.0/8", "1:12", "non-reverse zone name must be used"),
        Arguments.of("kubernetes {\n podz insecure\n}", "2:2", "unknown property 'podz'; did you mean 'pods'?"),
        Arguments.of("kubernetes {\n frobnicate\n}", "2:2", "unknown property 'frobnicate'; expected one of endpoint, tls"),
        Arguments.of("kubernetes {\n namespaces a\n namespace_labels x=y\n}", "3:2", "namespaces and namespace_labels cannot both be set"),
        Arguments.of("kubernetes {\n pods all\n}", "2:7", "invalid pods mode 'all', expected disabled, insecure or verified"),
        Arguments.of("kubernetes {\n pods\n}", "2:2", "pods: missing argument, expected pods disabled|insecure|verified"),
        Arguments.of("kubernetes {\n pods insecure verified\n}", "2:16", "unexpected argument 'verified'"),
        Arguments.of("kubernetes {\n ttl 3601\n}", "2:6", "ttl must be between 0 and 3600, got '3601'"),
        Arguments.of("kubernetes {\n ttl -1\n}", "2:6", "ttl must be between 0 and 3600"),
        Arguments.of("kubernetes {\n ttl five\n}", "2:6", "ttl must be a whole number"),
        Arguments.of("kubernetes {\n ttl\n}", "2:2", "ttl: missing argument"),
        Arguments.of("kubernetes {\n tls a b\n}", "2:2", "tls: missing argument, expected tls CERT KEY CACERT"),
        Arguments.of("kubernetes {\n tls a b c d\n}", "2:12", "tls: unexpected argument 'd'"),
        Arguments.of("kubernetes {\n kubeconfig\n}", "2:2", "kubeconfig: missing argument"),
        Arguments.of("kubernetes {\n kubeconfig a b c\n}", "2:17", "unexpected argument 'c'"),
        Arguments.of("kubernetes {\n endpoint\n}", "2:2", "endpoint: missing argument"),
        Arguments.of("kubernetes {\n endpoint 10.0.0.1:6443\n}", "2:11", "is not an http:// or https:// URL"),
        Arguments.of("kubernetes {\n namespaces\n}", "2:2", "namespaces: missing argument"),
        Arguments.of("kubernetes {\n endpoint_pod_names yes\n}", "2:21", "endpoint_pod_names takes no arguments"),
        Arguments.of("kubernetes {\n noendpoints 1\n}", "2:14", "noendpoints takes no arguments"),
        Arguments.of("kubernetes {\n ignore empty_services\n}", "2:9", "unable to parse ignore value 'empty_services', expected empty_service"),
        Arguments.of("kubernetes {\n ignore\n}", "2:2", "ignore: missing argument"),
        Arguments.of("kubernetes {\n startup_timeout soon\n}", "2:18", "startup_timeout must be a duration"),
        Arguments.of("kubernetes {\n manifests\n}", "2:2", "manifests: missing argument"),
        Arguments.of("kubernetes {\n apiserver_qps -1\n}", "2:16", "apiserver_qps must be a number >= 0"),
        Arguments.of("kubernetes {\n apiserver_burst 1.5\n}", "2:18", "apiserver_burst must be a whole number"),
        Arguments.of("kubernetes {\n apiserver_max_inflight -2\n}", "2:25", "apiserver_max_inflight must be between 0"),
        Arguments.of("kubernetes {\n upstream 8.8.8.8\n}", "2:2", "property 'upstream' was removed"),
        Arguments.of("kubernetes {\n resyncperiod 30s\n}", "2:2", "property 'resyncperiod' was removed"),
        Arguments.of("kubernetes {\n transfer to *\n}", "2:2", "property 'transfer' was removed from CoreDNS and is not supported; use the transfer plugin"),
        Arguments.of("kubernetes {\n multicluster clusterset.local\n}", "2:2", "'multicluster' is not supported"),
        Arguments.of("kubernetes {\n labels env in (a\n}", "2:9", "unable to parse labels selector 'env in (a': expected ')' at the end"),
        Arguments.of("kubernetes {\n labels -bad=x\n}", "2:9", "invalid label key '-bad'"),
        Arguments.of("kubernetes {\n namespace_labels a=b,,c\n}", "2:19", "expected a label key, got ','"),
        Arguments.of("kubernetes {\n labels a=b c\n}", "2:9", "expected ','"),
        Arguments.of("kubernetes {\n pods insecure {\n }\n}", "2:2", "takes no block"),
        Arguments.of("kubernetes cluster..local", "1:12", "is not a zone name or CIDR"),
        Arguments.of("kubernetes cluster.local 10.0.0.0/33", "1:26", "'10.0.0.0/33' is not a CIDR"),
        Arguments.of("kubernetes {\n fallthrough 10.0.0.0/x\n}", "2:14", "'10.0.0.0/x' is not a CIDR"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCorefiles")
  void rejectsInvalidCorefile(String corefile, String location, String message) {
    CorefileException e = assertThrows(CorefileException.class, () -> parse(corefile));
    assertTrue(e.getMessage().contains(message), () -> "message was: " + e.getMessage());
    assertEquals("Corefile:" + location, e.location().toString());
  }

  @Test
  void registeredUnderItsName() {
    PluginRegistry registry = PluginRegistry.load();
    assertTrue(registry.find("kubernetes").orElseThrow() instanceof KubernetesSetup);
  }

  @Test
  void setupBuildsAHandlerThatIsNotReadyBeforeStart() throws Exception {
    var handler =
        new KubernetesSetup().setup(CorefileSnippets.directive("kubernetes cluster.local"), BLOCK);
    assertTrue(handler instanceof KubernetesHandler);
    assertFalse(((KubernetesHandler) handler).isReady());
  }
}
