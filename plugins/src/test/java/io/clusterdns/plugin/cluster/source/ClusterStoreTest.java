package io.clusterdns.plugin.cluster.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.EndpointInfo;
import io.clusterdns.plugin.cluster.PodInfo;
import io.clusterdns.plugin.cluster.ServiceInfo;
import io.clusterdns.plugin.cluster.ServiceKind;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClusterStoreTest {
  private final AtomicInteger changes = new AtomicInteger();

  private static ServiceInfo headless(String namespace, String name, boolean publishNotReady) {
    return new ServiceInfo(namespace, name, ServiceKind.HEADLESS, List.of(), "", List.of(), List.of(), publishNotReady);
  }

  private static EndpointInfo endpoint(String ip) throws Exception {
    return new EndpointInfo(InetAddress.getByName(ip), null, null, null, List.of());
  }

  private static Clock at(long seconds) {
    return Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
  }

  private ClusterStore store(ClusterStore.NamespaceRule rule) {
    return new ClusterStore(rule, at(1_700_000_000L), changes::incrementAndGet);
  }

  @Test
  void notReadyEndpointsServedOnlyWhenTheServicePublishesThem() throws Exception {
    ClusterStore store = store(ClusterStore.NamespaceRule.IMPLIED);
    EndpointInfo ready = endpoint("10.244.0.1");
    EndpointInfo notReady = endpoint("10.244.0.2");
    store.putSlice(new SliceInfo("s1", "default", "db", List.of(ready), List.of(ready, notReady)));
    store.putService(headless("default", "db", false));
    assertEquals(List.of(ready), store.snapshot(true).service("default", "db").endpoints());
    store.putService(headless("default", "db", true));
    assertEquals(List.of(ready, notReady), store.snapshot(true).service("default", "db").endpoints());
  }

  @Test
  void slicesOfOneServiceAreMergedWithoutDuplicates() throws Exception {
    ClusterStore store = store(ClusterStore.NamespaceRule.IMPLIED);
    EndpointInfo a = endpoint("10.244.0.1");
    EndpointInfo b = endpoint("10.244.0.2");
    store.putService(headless("default", "db", false));
    store.putSlice(new SliceInfo("s1", "default", "db", List.of(a, b), List.of(a, b)));
    store.putSlice(new SliceInfo("s2", "default", "db", List.of(b), List.of(b)));
    assertEquals(List.of(a, b), store.snapshot(true).service("default", "db").endpoints());
    store.removeSlice("s1");
    assertEquals(List.of(b), store.snapshot(true).service("default", "db").endpoints());
  }

  @Test
  void apiRuleHidesObjectsOfNamespacesThatDoNotExist() throws Exception {
    ClusterStore store = store(ClusterStore.NamespaceRule.MUST_EXIST);
    store.putService(headless("hidden", "db", false));
    store.putPod("hidden/p", new PodInfo("hidden", "p", InetAddress.getByName("10.244.0.9")));
    ClusterSnapshot before = store.snapshot(true);
    assertNull(before.service("hidden", "db"));
    assertFalse(before.hasNamespace("hidden"));
    assertTrue(before.podsWithIp(InetAddress.getByName("10.244.0.9")).isEmpty());
    store.putNamespace("hidden");
    ClusterSnapshot after = store.snapshot(true);
    assertEquals("db", after.service("hidden", "db").service().name());
    assertEquals(1, after.podsWithIp(InetAddress.getByName("10.244.0.9")).size());
  }

  @Test
  void manifestRuleImpliesNamespacesOfObjectsAndTheBuiltInOnes() {
    ClusterStore store = store(ClusterStore.NamespaceRule.IMPLIED);
    store.putService(headless("shop", "db", false));
    store.putNamespace("empty");
    assertEquals(
        java.util.Set.of("shop", "empty", "default", "kube-system", "kube-public", "kube-node-lease"),
        store.snapshot(true).namespaces());
  }

  @Test
  void onlyRealChangesMoveTheSerialAndNotifyTheListener() {
    long[] now = {1_700_000_000L};
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return Instant.ofEpochSecond(now[0]);
          }
        };
    ClusterStore store = new ClusterStore(ClusterStore.NamespaceRule.IMPLIED, clock, changes::incrementAndGet);
    store.putService(headless("default", "db", false));
    assertEquals(1, changes.get());
    now[0] += 10;
    store.putService(headless("default", "db", false));
    store.removeService("default/absent");
    assertEquals(1, changes.get());
    assertEquals(1_700_000_000L, store.snapshot(true).serial());
    store.putService(headless("default", "db", true));
    assertEquals(2, changes.get());
    assertEquals(1_700_000_010L, store.snapshot(true).serial());
  }
}
