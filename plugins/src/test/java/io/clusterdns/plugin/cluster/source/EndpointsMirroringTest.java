package io.clusterdns.plugin.cluster.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.plugin.cluster.EndpointInfo;
import io.clusterdns.plugin.cluster.PortInfo;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointsMirroringTest {
  @Test
  void subsetsBecomeOneSliceWithReadyAndNotReadyAddresses() throws Exception {
    Endpoints endpoints =
        new EndpointsBuilder()
            .withNewMetadata().withNamespace("default").withName("External-Backend").endMetadata()
            .addNewSubset()
            .addNewAddress().withIp("192.0.2.1").withHostname("one").endAddress()
            .addNewNotReadyAddress().withIp("192.0.2.2").endNotReadyAddress()
            .addNewPort().withName("http").withPort(80).endPort()
            .endSubset()
            .addNewSubset()
            .addNewAddress().withIp("192.0.2.3")
            .withNewTargetRef().withKind("Pod").withName("backend-1").endTargetRef()
            .endAddress()
            .endSubset()
            .build();
    SliceInfo slice = EndpointsMirroring.toSlice(endpoints);
    List<PortInfo> http = List.of(new PortInfo("http", "tcp", 80));
    EndpointInfo one = new EndpointInfo(InetAddress.getByName("192.0.2.1"), "one", null, null, http);
    EndpointInfo two = new EndpointInfo(InetAddress.getByName("192.0.2.2"), null, null, null, http);
    EndpointInfo three = new EndpointInfo(InetAddress.getByName("192.0.2.3"), null, "backend-1", null, List.of());
    assertEquals("external-backend", slice.serviceName());
    assertEquals(List.of(one, three), slice.ready());
    assertEquals(List.of(one, two, three), slice.all());
    assertEquals("Endpoints/default/external-backend", slice.id());
  }
}
