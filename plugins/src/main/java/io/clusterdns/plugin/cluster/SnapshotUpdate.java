package io.clusterdns.plugin.cluster;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The changes from one snapshot to the next, each Service or Pod replaced or removed as a
 * whole; the cost is in proportion to the changes. Unlike the builder, a Service does not add
 * its namespace: the namespaces are exactly those last set. Not thread-safe.
 */
public final class SnapshotUpdate {
  private static final Function<ServiceInfo, String> SERVICE_KEY = ServiceInfo::key;
  private static final Function<EndpointOwner, String> OWNER_KEY = o -> o.service().key();
  private static final Function<PodInfo, String> POD_KEY = ClusterSnapshot::key;

  private Set<String> namespaces;
  private final ShardedMap.Editor<String, ServiceEntry> services;
  private final ShardedMap.Editor<InetAddress, List<ServiceInfo>> byClusterIp;
  private final ShardedMap.Editor<InetAddress, List<EndpointOwner>> byEndpointIp;
  private final ShardedMap.Editor<String, PodInfo> pods;
  private final ShardedMap.Editor<InetAddress, List<PodInfo>> podsByIp;

  SnapshotUpdate(ClusterSnapshot base) {
    namespaces = base.namespaces;
    services = base.services.edit();
    byClusterIp = base.byClusterIp.edit();
    byEndpointIp = base.byEndpointIp.edit();
    pods = base.pods.edit();
    podsByIp = base.podsByIp.edit();
  }

  public SnapshotUpdate namespaces(Set<String> namespaces) {
    this.namespaces = Set.copyOf(namespaces);
    return this;
  }

  /**
   * Sets the Service with the ready endpoints of all its slices, as {@link
   * ClusterSnapshot.Builder#endpoints} would collect them.
   */
  public SnapshotUpdate service(ServiceInfo service, Collection<EndpointInfo> endpoints) {
    ServiceEntry next = new ServiceEntry(service, EndpointMerge.merge(endpoints));
    ServiceEntry old = services.get(service.key());
    if (!next.equals(old)) {
      if (old != null) {
        unindex(old);
      }
      services.put(service.key(), next);
      for (InetAddress ip : service.clusterIps()) {
        insert(byClusterIp, ip, service, SERVICE_KEY);
      }
      for (EndpointInfo endpoint : next.endpoints()) {
        insert(byEndpointIp, endpoint.address(), new EndpointOwner(service, endpoint), OWNER_KEY);
      }
    }
    return this;
  }

  /** Removes the Service with {@link ClusterSnapshot#key} {@code key}, if there is one. */
  public SnapshotUpdate removeService(String key) {
    ServiceEntry old = services.get(key);
    if (old != null) {
      unindex(old);
      services.remove(key);
    }
    return this;
  }

  public SnapshotUpdate pod(PodInfo pod) {
    PodInfo old = pods.get(POD_KEY.apply(pod));
    if (!pod.equals(old)) {
      if (old != null) {
        remove(podsByIp, old.ip(), POD_KEY.apply(old), POD_KEY);
      }
      pods.put(POD_KEY.apply(pod), pod);
      insert(podsByIp, pod.ip(), pod, POD_KEY);
    }
    return this;
  }

  /** Removes the Pod with {@link ClusterSnapshot#key} {@code key}, if there is one. */
  public SnapshotUpdate removePod(String key) {
    PodInfo old = pods.get(key);
    if (old != null) {
      remove(podsByIp, old.ip(), key, POD_KEY);
      pods.remove(key);
    }
    return this;
  }

  /** The next snapshot; the update can go on towards another one after it. */
  public ClusterSnapshot build(boolean synced, long serial) {
    return new ClusterSnapshot(
        synced,
        serial,
        namespaces,
        services.build(),
        byClusterIp.build(),
        byEndpointIp.build(),
        pods.build(),
        podsByIp.build());
  }

  private void unindex(ServiceEntry old) {
    String key = old.service().key();
    for (InetAddress ip : old.service().clusterIps()) {
      remove(byClusterIp, ip, key, SERVICE_KEY);
    }
    for (EndpointInfo endpoint : old.endpoints()) {
      remove(byEndpointIp, endpoint.address(), key, OWNER_KEY);
    }
  }

  /** Adds {@code item} to the list at {@code ip}, which stays ordered by key. */
  private static <T> void insert(
      ShardedMap.Editor<InetAddress, List<T>> index,
      InetAddress ip,
      T item,
      Function<T, String> keyOf) {
    List<T> list = new ArrayList<>(index.getOrDefault(ip, List.of()));
    String key = keyOf.apply(item);
    int at = 0;
    while (at < list.size() && keyOf.apply(list.get(at)).compareTo(key) <= 0) {
      at++;
    }
    list.add(at, item);
    index.put(ip, List.copyOf(list));
  }

  /** Removes every item with {@code key} from the list at {@code ip}, and an emptied list. */
  private static <T> void remove(
      ShardedMap.Editor<InetAddress, List<T>> index,
      InetAddress ip,
      String key,
      Function<T, String> keyOf) {
    List<T> list = index.get(ip);
    if (list == null) {
      return;
    }
    List<T> kept = new ArrayList<>(list.size());
    for (T item : list) {
      if (!keyOf.apply(item).equals(key)) {
        kept.add(item);
      }
    }
    if (kept.isEmpty()) {
      index.remove(ip);
    } else if (kept.size() != list.size()) {
      index.put(ip, List.copyOf(kept));
    }
  }
}
