package io.clusterdns.plugin.cluster.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.cluster.PortInfo;
import io.clusterdns.plugin.cluster.ServiceInfo;
import io.clusterdns.plugin.cluster.ServiceKind;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceConversionTest {
  private static ServiceBuilder service(String namespace, String name) {
    return new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata();
  }

  @Test
  void clusterIpServiceKeepsLowerCaseNamesAndPorts() throws Exception {
    Service service =
        service("Prod", "Web")
            .withNewSpec()
            .withClusterIP("10.96.1.2")
            .addNewPort().withName("HTTP").withProtocol("TCP").withPort(80).endPort()
            .addNewPort().withPort(8080).endPort()
            .endSpec()
            .build();
    ServiceInfo info = ServiceConversion.toInfo(service);
    assertEquals("prod", info.namespace());
    assertEquals("web", info.name());
    assertEquals(ServiceKind.CLUSTER_IP, info.kind());
    assertEquals(List.of(InetAddress.getByName("10.96.1.2")), info.clusterIps());
    assertEquals(List.of(new PortInfo("http", "tcp", 80), new PortInfo("", "tcp", 8080)), info.ports());
    assertFalse(info.publishNotReadyAddresses());
  }

  @Test
  void dualStackServiceUsesEveryClusterIp() throws Exception {
    Service service =
        service("default", "dual")
            .withNewSpec()
            .withClusterIP("10.96.1.3")
            .withClusterIPs("10.96.1.3", "fd00:10:96::3")
            .endSpec()
            .build();
    assertEquals(
        List.of(InetAddress.getByName("10.96.1.3"), InetAddress.getByName("fd00:10:96::3")),
        ServiceConversion.toInfo(service).clusterIps());
  }

  @Test
  void headlessIsDecidedByTheFirstClusterIp() {
    Service service =
        service("default", "db").withNewSpec().withClusterIPs("None").endSpec().build();
    ServiceInfo info = ServiceConversion.toInfo(service);
    assertEquals(ServiceKind.HEADLESS, info.kind());
    assertTrue(info.clusterIps().isEmpty());
  }

  @Test
  void externalNameKeepsItsTargetWithoutTrailingDot() {
    Service service =
        service("default", "my-database")
            .withNewSpec()
            .withType("ExternalName")
            .withExternalName("db.example.com.")
            .endSpec()
            .build();
    ServiceInfo info = ServiceConversion.toInfo(service);
    assertEquals(ServiceKind.EXTERNAL_NAME, info.kind());
    assertEquals("db.example.com", info.externalName());
  }

  @Test
  void externalIpsComeBeforeLoadBalancerIngress() {
    Service service =
        service("default", "lb")
            .withNewSpec()
            .withClusterIP("10.96.1.4")
            .withExternalIPs("192.0.2.10")
            .endSpec()
            .withNewStatus()
            .withNewLoadBalancer()
            .addNewIngress().withIp("192.0.2.20").endIngress()
            .addNewIngress().withHostname("lb.example.com").endIngress()
            .endLoadBalancer()
            .endStatus()
            .build();
    assertEquals(
        List.of("192.0.2.10", "192.0.2.20", "lb.example.com"),
        ServiceConversion.toInfo(service).externalIps());
  }

  @Test
  void publishNotReadyAddressesFromFieldOrLegacyAnnotation() {
    Service byField =
        service("default", "a").withNewSpec().withPublishNotReadyAddresses(true).endSpec().build();
    Service byAnnotation =
        service("default", "b")
            .editMetadata()
            .addToAnnotations(ServiceConversion.TOLERATE_UNREADY, "true")
            .endMetadata()
            .withNewSpec()
            .endSpec()
            .build();
    assertTrue(ServiceConversion.toInfo(byField).publishNotReadyAddresses());
    assertTrue(ServiceConversion.toInfo(byAnnotation).publishNotReadyAddresses());
  }
}
