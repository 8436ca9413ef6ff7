package io.clusterdns.plugin.k8s_gateway;

import static io.clusterdns.plugin.testkit.CorefileSnippets.assertRejected;
import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.Fallthrough;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;

class GatewaySetupTest {
  private final FakeSetupContext alone = new FakeSetupContext(Path.of("/srv/dns"), "example.test.");
  private final FakeSetupContext withKubernetes =
      alone.withSibling(directive("kubernetes cluster.local"), (request, next) -> next.next(request));

  @Test
  void isRegisteredUnderItsDirectiveName() {
    assertEquals(
        GatewaySetup.class,
        PluginRegistry.load().find("k8s_gateway").map(Object::getClass).orElse(null));
  }

  @Test
  void defaultsAnswerEveryKindWithTtl60FromTheKubernetesSource() throws CorefileException {
    GatewayOptions options = GatewaySetup.parse(directive("k8s_gateway"), withKubernetes);

    assertEquals(List.of(Name.fromConstantString("example.test.")), options.zones());
    assertEquals(EnumSet.allOf(Resource.class), options.resources());
    assertEquals(60, options.ttl());
    assertEquals(Set.of(), options.ingressClasses());
    assertEquals(Set.of(), options.gatewayClasses());
    assertEquals(List.of(), options.defaultAddresses());
    assertEquals(Fallthrough.NEVER, options.fallthrough());
    assertNull(options.source());
  }

  @Test
  void blockSetsEveryOptionAndAloneItOpensItsOwnSource() throws CorefileException {
    GatewayOptions options =
        GatewaySetup.parse(
            directive(
                """
                k8s_gateway Test. example.org {
                    resources Ingress HTTPRoute
                    ttl 30
                    ingressClasses nginx traefik
                    gatewayClasses istio
                    default_address 192.168.49.2 fd00::2
                    fallthrough example.org
                    manifests k8s/ extra.yaml
                }
                """),
            alone);

    assertEquals(List.of(Name.fromConstantString("test."), Name.fromConstantString("example.org.")), options.zones());
    assertEquals(EnumSet.of(Resource.INGRESS, Resource.HTTP_ROUTE), options.resources());
    assertEquals(30, options.ttl());
    assertEquals(Set.of("nginx", "traefik"), options.ingressClasses());
    assertEquals(Set.of("istio"), options.gatewayClasses());
    assertEquals(
        List.of(GatewayFixture.ip("192.168.49.2"), GatewayFixture.ip("fd00::2")), options.defaultAddresses());
    assertEquals(new Fallthrough(List.of(Name.fromConstantString("example.org."))), options.fallthrough());
    assertEquals(List.of(Path.of("/srv/dns/k8s"), Path.of("/srv/dns/extra.yaml")), options.source().manifests());
    assertEquals(false, options.source().watchEndpoints());
  }

  @Test
  void aloneItTakesKubeconfigAndEndpoint() throws CorefileException {
    GatewayOptions options =
        GatewaySetup.parse(
            directive("k8s_gateway {\n kubeconfig kube.conf dev\n endpoint https://10.0.0.1:6443\n}"), alone);

    assertEquals(Path.of("/srv/dns/kube.conf"), options.source().kubeconfig());
    assertEquals("dev", options.source().kubeconfigContext());
    assertEquals("https://10.0.0.1:6443", options.source().endpoint());
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      value = {
        "k8s_gateway {\\n resources\\n} => Corefile:2:2: resources: missing argument, expected resources RESOURCE...",
        "k8s_gateway {\\n resources Ingress VirtualServer\\n} => Corefile:2:20: k8s_gateway: unknown resource 'VirtualServer', expected Ingress, Service, HTTPRoute, TLSRoute, GRPCRoute or Gateway",
        "k8s_gateway {\\n ttl 3601\\n} => Corefile:2:6: k8s_gateway: ttl must be between 0 and 3600, got '3601'",
        "k8s_gateway {\\n ttl\\n} => Corefile:2:2: ttl: missing argument, expected ttl SECONDS",
        "k8s_gateway {\\n ingressClasses\\n} => Corefile:2:2: ingressClasses: missing argument, expected ingressClasses CLASS...",
        "k8s_gateway {\\n gatewayClasses\\n} => Corefile:2:2: gatewayClasses: missing argument, expected gatewayClasses CLASS...",
        "k8s_gateway {\\n default_address\\n} => Corefile:2:2: default_address: missing argument, expected default_address IP...",
        "k8s_gateway {\\n default_address 192.168.49.2 minikube\\n} => Corefile:2:31: k8s_gateway: default_address 'minikube' is not an IP address",
        "k8s_gateway {\\n apex dns1.kube-system\\n} => Corefile:2:2: k8s_gateway: property 'apex' is not supported by ClusterDNS",
        "k8s_gateway {\\n secondary ns2\\n} => Corefile:2:2: k8s_gateway: property 'secondary' is not supported by ClusterDNS",
        "k8s_gateway {\\n ingressclasses nginx\\n} => Corefile:2:2: k8s_gateway: unknown property 'ingressclasses'; did you mean 'ingressClasses'?",
        "k8s_gateway {\\n endpoint localhost:6443\\n} => Corefile:2:11: k8s_gateway: endpoint 'localhost:6443' is not an http:// or https:// URL",
        "k8s_gateway {\\n kubeconfig\\n} => Corefile:2:2: kubeconfig: missing argument, expected kubeconfig KUBECONFIG [CONTEXT]",
        "k8s_gateway 10.0.0.0/8 => Corefile:1:13: k8s_gateway: reverse zone 10.in-addr.arpa. is not supported",
        "k8s_gateway bad..zone => Corefile:1:13: k8s_gateway: 'bad..zone' is not a zone name or CIDR",
      })
  void rejectsBadDirectivesNamingTheToken(String snippet, String message) {
    assertRejected(snippet, message, d -> GatewaySetup.parse(d, alone));
  }

  @Test
  void sourceOptionsBelongToTheKubernetesPluginWhenItIsThere() {
    CorefileException e =
        assertThrows(
            CorefileException.class,
            () -> GatewaySetup.parse(directive("k8s_gateway {\n manifests k8s/\n}"), withKubernetes));
    assertEquals(
        "Corefile:2:2: k8s_gateway: manifests is taken from the kubernetes plugin of this server block; set it there",
        e.getMessage());
  }
}
