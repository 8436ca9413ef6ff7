package io.clusterdns.server.kubernetes;

import static io.clusterdns.server.kubernetes.Dig.answer;
import static io.clusterdns.server.kubernetes.Dig.awaitAnswer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.server.ClusterDns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Type;

/**
 * k8s_gateway over UDP of real servers reading {@code gateway-cluster.yaml}: beside the kubernetes
 * plugin (sharing its manifests) and alone (with its own), with the same answers; and an Ingress
 * that gains an address in its file answers it on the next query.
 */
class K8sGatewayOverUdpTest {
  private static final String GATEWAY =
      "k8s_gateway example.test {\n  ingressClasses nginx\n  gatewayClasses istio cilium\n";
  private static ClusterDns withKubernetes;
  private static ClusterDns alone;
  @TempDir static Path directory;
  private static Path manifest;

  @BeforeAll
  static void start() throws Exception {
    manifest = directory.resolve("gateway-cluster.yaml");
    Files.copy(
        Path.of(K8sGatewayOverUdpTest.class.getResource("gateway-cluster.yaml").toURI()), manifest);
    withKubernetes =
        ClusterDns.builder()
            .corefile(
                ".:0 {\n kubernetes cluster.local {\n  manifests " + manifest + "\n }\n " + GATEWAY
                    + " }\n}\n")
            .start();
    alone =
        ClusterDns.builder()
            .corefile(".:0 {\n " + GATEWAY + "  manifests " + manifest + "\n }\n}\n")
            .start();
  }

  @AfterAll
  static void stop() {
    withKubernetes.close();
    alone.close();
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of("app.example.test.", Type.A, "NOERROR A 192.0.2.10"),
        Arguments.of("www.example.test.", Type.A, "NOERROR A 192.0.2.10"),
        Arguments.of("secure.example.test.", Type.A, "NOERROR A 192.0.2.10"),
        Arguments.of("foo.apps.example.test.", Type.A, "NOERROR A 192.0.2.20"),
        Arguments.of("a.b.apps.example.test.", Type.A, "NXDOMAIN"),
        Arguments.of("special.apps.example.test.", Type.A, "NOERROR A 192.0.2.21"),
        Arguments.of("cloud.example.test.", Type.CNAME, "NOERROR CNAME lb-123.elb.example.net."),
        Arguments.of("cloud.example.test.", Type.A, "NOERROR CNAME lb-123.elb.example.net."),
        Arguments.of("traefik.example.test.", Type.A, "NXDOMAIN"),
        Arguments.of("shared.example.test.", Type.A, "NOERROR A 192.0.2.40, A 192.0.2.41"),
        Arguments.of("shared.example.test.", Type.AAAA, "NOERROR AAAA 2001:db8:0:0:0:0:0:40"),
        Arguments.of("web.example.test.", Type.A, "NOERROR A 192.0.2.60"),
        Arguments.of("web.example.test.", Type.AAAA, "NOERROR AAAA 2001:db8:0:0:0:0:0:60"),
        Arguments.of("rpc.example.test.", Type.A, "NOERROR A 192.0.2.60"),
        Arguments.of("tls.example.test.", Type.A, "NOERROR A 192.0.2.70"),
        Arguments.of("rejected.example.test.", Type.A, "NXDOMAIN"),
        Arguments.of("listener.example.test.", Type.A, "NOERROR A 192.0.2.60"),
        Arguments.of("numbers-web.default.example.test.", Type.A, "NOERROR A 192.0.2.80"),
        Arguments.of("with-external-ip.default.example.test.", Type.A, "NXDOMAIN"),
        Arguments.of("nothing.example.test.", Type.A, "NXDOMAIN"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("rows")
  void answersBesideKubernetesAndAlone(String name, int type, String expected) {
    assertEquals(expected, answer(withKubernetes.udpAddress(), name, type), "beside kubernetes");
    assertEquals(expected, answer(alone.udpAddress(), name, type), "alone");
  }

  @Test
  void anIngressGainingAnAddressAnswersItOnTheNextQuery() throws Exception {
    assertEquals("NOERROR", answer(withKubernetes.udpAddress(), "pending.example.test.", Type.A));
    String text = Files.readString(manifest);
    String withStatus =
        text.replace(
            "  rules: [{host: pending.example.test}]\n",
            "  rules: [{host: pending.example.test}]\nstatus: {loadBalancer: {ingress: [{ip: 192.0.2.99}]}}\n");
    Path next = directory.resolve("next.tmp");
    Files.writeString(next, withStatus);
    Files.move(next, manifest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    awaitAnswer(withKubernetes.udpAddress(), "pending.example.test.", Type.A, "NOERROR A 192.0.2.99");
    awaitAnswer(alone.udpAddress(), "pending.example.test.", Type.A, "NOERROR A 192.0.2.99");
  }
}
