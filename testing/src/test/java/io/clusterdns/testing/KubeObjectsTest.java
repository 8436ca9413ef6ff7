package io.clusterdns.testing;

import static io.clusterdns.testing.Kube.pod;
import static io.clusterdns.testing.Kube.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The builders reject what Kubernetes would, where it is written, and say why. */
class KubeObjectsTest {
  static Stream<Arguments> badObjects() {
    return Stream.<Arguments>of(
        Arguments.of((Executable) () -> service("Nginx"),
            "Service name 'Nginx' is not valid in Kubernetes: lower-case letters, digits and '-', starting with a letter, at most 63 characters"),
        Arguments.of((Executable) () -> service("1web"),
            "Service name '1web' is not valid in Kubernetes: lower-case letters, digits and '-', starting with a letter, at most 63 characters"),
        Arguments.of((Executable) () -> service("web").namespace("my_ns"),
            "namespace 'my_ns' is not valid in Kubernetes: lower-case letters, digits and '-', starting and ending alphanumeric, at most 63 characters"),
        Arguments.of((Executable) () -> service("web").clusterIp("10.96.0.300"),
            "not an IPv4 or IPv6 address: '10.96.0.300'"),
        Arguments.of((Executable) () -> service("web").headless().endpoint("web_0", "10.0.0.1"),
            "endpoint hostname 'web_0' is not valid in Kubernetes: lower-case letters, digits and '-', starting and ending alphanumeric, at most 63 characters"),
        Arguments.of((Executable) () -> service("web").port("http", 0), "port must be 1–65535, got 0"),
        Arguments.of((Executable) () -> service("web").port("dns", 53, "udp"), "protocol must be TCP, UDP or SCTP, got udp"),
        Arguments.of((Executable) () -> service("web").endpoint("10.0.0.1").ready("10.0.0.2", false),
            "web has no endpoint 10.0.0.2"),
        Arguments.of((Executable) () -> service("web").externalName("x.example").endpoint("10.0.0.1"),
            "an ExternalName Service has no endpoints"),
        Arguments.of((Executable) () -> pod("Client"),
            "Pod name 'Client' is not valid in Kubernetes: dot-separated lower-case labels of letters, digits and '-', at most 253 characters"),
        Arguments.of((Executable) () -> pod("client").ip("fd00::zz"), "not an IPv4 or IPv6 address: 'fd00::zz'"));
  }

  @ParameterizedTest
  @MethodSource("badObjects")
  void badObjectsFailWithAReason(Executable build, String message) {
    RuntimeException e = assertThrows(RuntimeException.class, build);
    assertEquals(message, e.getMessage());
  }

  @Test
  void aServiceIsWrittenWithOneSlicePerAddressFamily() {
    List<String> manifests = service("web").headless().port("http", 80)
        .endpoint("web-0", "10.244.0.1").notReadyEndpoint("fd00::1").manifests();
    assertEquals(3, manifests.size());
    assertEquals("{\"apiVersion\":\"discovery.k8s.io/v1\",\"kind\":\"EndpointSlice\",\"metadata\":{\"name\":\"web-ipv6\","
        + "\"namespace\":\"default\",\"labels\":{\"kubernetes.io/service-name\":\"web\"}},\"addressType\":\"IPv6\","
        + "\"ports\":[{\"name\":\"http\",\"port\":80,\"protocol\":\"TCP\"}],\"endpoints\":[{\"addresses\":[\"fd00::1\"],"
        + "\"conditions\":{\"ready\":false}}]}", manifests.get(2));
  }

  @Test
  void objectsAreKeyedByKindNamespaceAndName() {
    assertEquals("Service/shop/web", service("web").namespace("shop").clusterIp("10.96.0.1").key());
    assertEquals(service("web").key(), service("web").clusterIp("10.96.0.2").key());
    assertEquals("Pod/default/client", pod("client").key());
  }
}
