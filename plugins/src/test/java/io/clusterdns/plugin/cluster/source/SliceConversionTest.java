package io.clusterdns.plugin.cluster.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clusterdns.plugin.cluster.EndpointInfo;
import io.clusterdns.plugin.cluster.PortInfo;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SliceConversionTest {
  @Test
  void endpointsKeepHostnamePodZoneAndSlicePorts() throws Exception {
    EndpointSlice slice =
        new EndpointSliceBuilder()
            .withNewMetadata()
            .withNamespace("default")
            .withName("web-abc")
            .addToLabels(SliceConversion.SERVICE_NAME_LABEL, "Web")
            .endMetadata()
            .withAddressType("IPv4")
            .addNewEndpoint()
            .withAddresses("10.244.0.5")
            .withHostname("Web-0")
            .withNewTargetRef().withKind("Pod").withName("web-0").endTargetRef()
            .withZone("zone-a")
            .withNewConditions().withReady(true).endConditions()
            .endEndpoint()
            .addNewEndpoint()
            .withAddresses("10.244.0.6")
            .withNewConditions().withReady(false).endConditions()
            .endEndpoint()
            .addNewEndpoint()
            .withAddresses("10.244.0.7")
            .endEndpoint()
            .addNewPort().withName("HTTP").withProtocol("TCP").withPort(80).endPort()
            .build();
    SliceInfo info = SliceConversion.toInfo(slice);
    List<PortInfo> ports = List.of(new PortInfo("http", "tcp", 80));
    EndpointInfo first = new EndpointInfo(InetAddress.getByName("10.244.0.5"), "web-0", "web-0", "zone-a", ports);
    EndpointInfo notReady = new EndpointInfo(InetAddress.getByName("10.244.0.6"), null, null, null, ports);
    EndpointInfo unknown = new EndpointInfo(InetAddress.getByName("10.244.0.7"), null, null, null, ports);
    assertEquals("web", info.serviceName());
    assertEquals("default", info.namespace());
    assertEquals(List.of(first, unknown), info.ready());
    assertEquals(List.of(first, notReady, unknown), info.all());
    assertEquals(List.of(first, unknown), info.served(false));
    assertEquals(List.of(first, notReady, unknown), info.served(true));
  }

  @Test
  void sliceWithoutPortsGivesEndpointsWithoutPorts() {
    EndpointSlice slice =
        new EndpointSliceBuilder()
            .withNewMetadata()
            .withNamespace("default")
            .withName("bare")
            .addToLabels(SliceConversion.SERVICE_NAME_LABEL, "bare")
            .endMetadata()
            .addNewEndpoint().withAddresses("fd00::5").endEndpoint()
            .build();
    assertEquals(List.of(), SliceConversion.toInfo(slice).ready().get(0).ports());
  }

  @Test
  void sliceWithoutServiceLabelAndFqdnAddressesAreSkipped() {
    EndpointSlice orphan =
        new EndpointSliceBuilder().withNewMetadata().withNamespace("default").withName("x").endMetadata().build();
    assertNull(SliceConversion.toInfo(orphan));
    EndpointSlice fqdn =
        new EndpointSliceBuilder()
            .withNewMetadata()
            .withNamespace("default")
            .withName("f")
            .addToLabels(SliceConversion.SERVICE_NAME_LABEL, "f")
            .endMetadata()
            .withAddressType("FQDN")
            .addNewEndpoint().withAddresses("db.example.com").endEndpoint()
            .build();
    assertEquals(List.of(), SliceConversion.toInfo(fqdn).all());
  }
}
