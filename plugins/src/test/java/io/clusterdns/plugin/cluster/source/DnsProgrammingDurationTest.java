package io.clusterdns.plugin.cluster.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clusterdns.plugin.cluster.ServiceInfo;
import io.clusterdns.plugin.cluster.ServiceKind;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code coredns_kubernetes_dns_programming_duration_seconds}: from the EndpointSlice
 * controller's trigger time to the change reaching the view, for headless Services only.
 */
class DnsProgrammingDurationTest {
  private static final Instant NOW = Instant.parse("2026-12-01T14:00:00Z");

  private final ClusterStore store =
      new ClusterStore(ClusterStore.NamespaceRule.IMPLIED, Clock.fixed(NOW, ZoneOffset.UTC), () -> {});
  private final ResourceEventHandler<EndpointSlice> slices = StoreHandlers.slices(store);

  @Test
  void aHeadlessServicesSliceChangeIsObservedFromItsTriggerTime() throws Exception {
    store.putService(service("db", ServiceKind.HEADLESS));
    HistogramSnapshot.HistogramDataPointSnapshot before = observed();
    slices.onAdd(slice("db", "10.244.0.1", "2026-12-01T13:59:58.500Z"));
    HistogramSnapshot.HistogramDataPointSnapshot after = observed();
    assertEquals(before.getCount() + 1, after.getCount());
    assertEquals(before.getSum() + 1.5, after.getSum(), 1e-9);
    // The bucket bounds are CoreDNS's: 1 ms doubling, 20 of them (+Inf added).
    assertEquals(21, after.getClassicBuckets().size());
    assertEquals(0.001, after.getClassicBuckets().getUpperBound(0));
    assertEquals(524.288, after.getClassicBuckets().getUpperBound(19), 1e-9);

    slices.onUpdate(null, slice("db", "10.244.0.1", "2026-12-01T13:59:59Z"));
    assertEquals(after.getCount(), observed().getCount(), "an update that changes nothing in DNS is not observed");
    slices.onUpdate(null, slice("db", "10.244.0.2", "2026-12-01T13:59:59+00:00"));
    assertEquals(after.getCount() + 1, observed().getCount());
    assertEquals(after.getSum() + 1, observed().getSum(), 1e-9);
  }

  @Test
  void otherServicesAndSlicesWithoutTheAnnotationAreNotObserved() throws Exception {
    store.putService(service("web", ServiceKind.CLUSTER_IP));
    store.putService(service("db2", ServiceKind.HEADLESS));
    long count = observed().getCount();
    slices.onAdd(slice("web", "10.244.0.3", "2026-12-01T13:59:59Z"));
    slices.onAdd(slice("db2", "10.244.0.4", null));
    slices.onAdd(slice("db2", "10.244.0.5", "yesterday"));
    assertEquals(count, observed().getCount());
  }

  @Test
  void readsTheAnnotationAsRfc3339() {
    assertEquals(Instant.parse("2026-12-01T13:59:58.123456789Z"),
        SliceConversion.lastChangeTrigger(slice("x", "10.0.0.1", "2026-12-01T13:59:58.123456789Z")));
    assertEquals(Instant.parse("2026-12-01T12:59:58Z"),
        SliceConversion.lastChangeTrigger(slice("x", "10.0.0.1", "2026-12-01T13:59:58+01:00")));
    assertNull(SliceConversion.lastChangeTrigger(slice("x", "10.0.0.1", null)));
    assertNull(SliceConversion.lastChangeTrigger(slice("x", "10.0.0.1", "1701439198")));
  }

  private static HistogramSnapshot.HistogramDataPointSnapshot observed() {
    return KubernetesMetrics.DNS_PROGRAMMING_DURATION.collect().getDataPoints().stream()
        .filter(p -> "headless_with_selector".equals(p.getLabels().get("service_kind")))
        .findFirst()
        .orElseThrow();
  }

  private static ServiceInfo service(String name, ServiceKind kind) throws Exception {
    List<InetAddress> ips = kind == ServiceKind.CLUSTER_IP ? List.of(InetAddress.getByName("10.96.0.5")) : List.of();
    return new ServiceInfo("default", name, kind, ips, "", List.of(), List.of(), false);
  }

  private static EndpointSlice slice(String service, String ip, String triggerTime) {
    EndpointSliceBuilder builder = new EndpointSliceBuilder()
        .withNewMetadata()
        .withNamespace("default")
        .withName(service + "-abcde")
        .addToLabels(SliceConversion.SERVICE_NAME_LABEL, service)
        .endMetadata()
        .withAddressType("IPv4")
        .addNewEndpoint().withAddresses(ip).endEndpoint();
    EndpointSlice slice = builder.build();
    if (triggerTime != null) {
      slice.getMetadata().setAnnotations(java.util.Map.of(SliceConversion.LAST_CHANGE_TRIGGER_TIME, triggerTime));
    }
    return slice;
  }
}
