package io.clusterdns.plugin.cluster.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clusterdns.plugin.cluster.PodInfo;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PodConversionTest {
  private static Pod pod(String phase, String ip) {
    return new PodBuilder()
        .withNewMetadata().withNamespace("default").withName("web-0").endMetadata()
        .withNewStatus().withPhase(phase).withPodIP(ip).endStatus()
        .build();
  }

  @Test
  void runningPodKeepsItsIp() throws Exception {
    assertEquals(
        new PodInfo("default", "web-0", InetAddress.getByName("10.244.1.9")),
        PodConversion.toInfo(pod("Running", "10.244.1.9")));
  }

  @Test
  void aPodInTheHostsNetworkIsMarked() throws Exception {
    Pod pod = new PodBuilder(pod("Running", "10.0.0.4")).withNewSpec().withHostNetwork(true).endSpec().build();

    assertEquals(
        new PodInfo("default", "web-0", InetAddress.getByName("10.0.0.4"), true), PodConversion.toInfo(pod));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Succeeded", "Failed", "Unknown"})
  void endedPodsAreSkipped(String phase) {
    assertNull(PodConversion.toInfo(pod(phase, "10.244.1.9")));
  }

  @Test
  void podWithoutIpIsSkipped() {
    assertNull(PodConversion.toInfo(pod("Pending", null)));
  }
}
