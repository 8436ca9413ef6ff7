package io.clusterdns.plugin.cluster.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.net.InetAddress;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class StoreHandlersTest {
  private final ClusterStore store = new ClusterStore(ClusterStore.NamespaceRule.IMPLIED, Clock.systemUTC(), () -> {});

  private static Pod pod(String ip, String deletionTimestamp) {
    return new PodBuilder()
        .withNewMetadata().withNamespace("default").withName("web-0").withDeletionTimestamp(deletionTimestamp).endMetadata()
        .withNewStatus().withPhase("Running").withPodIP(ip).endStatus()
        .build();
  }

  @Test
  void terminatingPodKeepsItsEntryUntilDeleted() throws Exception {
    ResourceEventHandler<Pod> pods = StoreHandlers.pods(store);
    Pod running = pod("10.244.0.5", null);
    pods.onAdd(running);
    Pod terminating = pod("10.244.0.6", "2026-01-01T00:00:00Z");
    pods.onUpdate(running, terminating);
    ClusterSnapshot snapshot = store.snapshot(true);
    assertEquals(1, snapshot.podsWithIp(InetAddress.getByName("10.244.0.5")).size());
    assertTrue(snapshot.podsWithIp(InetAddress.getByName("10.244.0.6")).isEmpty());
    pods.onDelete(terminating, false);
    assertTrue(store.snapshot(true).podsWithIp(InetAddress.getByName("10.244.0.5")).isEmpty());
  }

  @Test
  void sliceThatLosesItsServiceLabelIsDropped() {
    StoreHandlers.services(store).onAdd(
        new ServiceBuilder().withNewMetadata().withNamespace("default").withName("db").endMetadata()
            .withNewSpec().withClusterIP("None").endSpec().build());
    ResourceEventHandler<EndpointSlice> slices = StoreHandlers.slices(store);
    EndpointSlice labelled =
        new EndpointSliceBuilder()
            .withNewMetadata().withNamespace("default").withName("db-1")
            .addToLabels(SliceConversion.SERVICE_NAME_LABEL, "db").endMetadata()
            .addNewEndpoint().withAddresses("10.244.0.1").endEndpoint()
            .build();
    slices.onAdd(labelled);
    assertEquals(1, store.snapshot(true).service("default", "db").endpoints().size());
    EndpointSlice unlabelled = new EndpointSliceBuilder(labelled).editMetadata().withLabels(null).endMetadata().build();
    slices.onUpdate(labelled, unlabelled);
    assertTrue(store.snapshot(true).service("default", "db").endpoints().isEmpty());
  }
}
