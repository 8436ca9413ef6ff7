package io.clusterdns.plugin.kubernetes.view;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An immutable, indexed view of the cluster as DNS sees it. A new snapshot is swapped in whole on
 * every change; queries read one snapshot without locks, and every look-up is a hash look-up.
 * Names passed in must already be lower case.
 *
 * <p>A snapshot is either built from all objects ({@link #builder()}) or derived from the one
 * before by the Services and Pods that changed ({@link #update()}); both give equal look-ups. A
 * derived snapshot shares all unchanged parts with the one it came from.
 */
public final class ClusterSnapshot {
  /** The view before anything was loaded: no objects, not synced. */
  public static final ClusterSnapshot EMPTY = builder().build(false, 0);

  private final boolean synced;
  private final long serial;
  private final Set<String> namespaces;
  private final ShardedMap<String, ServiceEntry> services;
  private final ShardedMap<InetAddress, List<ServiceInfo>> byClusterIp;
  private final ShardedMap<InetAddress, List<EndpointOwner>> byEndpointIp;
  private final ShardedMap<String, PodInfo> pods;
  private final ShardedMap<InetAddress, List<PodInfo>> podsByIp;

  private ClusterSnapshot(
      boolean synced,
      long serial,
      Set<String> namespaces,
      ShardedMap<String, ServiceEntry> services,
      ShardedMap<InetAddress, List<ServiceInfo>> byClusterIp,
      ShardedMap<InetAddress, List<EndpointOwner>> byEndpointIp,
      ShardedMap<String, PodInfo> pods,
      ShardedMap<InetAddress, List<PodInfo>> podsByIp) {
    this.synced = synced;
    this.serial = serial;
    this.namespaces = namespaces;
    this.services = services;
    this.byClusterIp = byClusterIp;
    this.byEndpointIp = byEndpointIp;
    this.pods = pods;
    this.podsByIp = podsByIp;
  }

  /** Builds every index in one pass over all objects, sorting once instead of per insert. */
  private static ClusterSnapshot of(Builder b, boolean synced, long serial) {
    Map<String, ServiceEntry> entries = new HashMap<>(capacity(b.services.size()));
    Map<InetAddress, List<ServiceInfo>> clusterIps = new HashMap<>(capacity(b.services.size()));
    Map<InetAddress, List<EndpointOwner>> endpointIps = new HashMap<>();
    // Sorted by the keys the builder already holds: a Service's key() would be made anew per comparison.
    List<Map.Entry<String, ServiceInfo>> ordered = new ArrayList<>(b.services.entrySet());
    ordered.sort(Map.Entry.comparingByKey());
    for (Map.Entry<String, ServiceInfo> keyed : ordered) {
      ServiceInfo service = keyed.getValue();
      List<EndpointInfo> endpoints = EndpointMerge.merge(b.endpoints.getOrDefault(keyed.getKey(), List.of()));
      entries.put(keyed.getKey(), new ServiceEntry(service, endpoints));
      for (InetAddress ip : service.clusterIps()) {
        add(clusterIps, ip, service);
      }
      for (EndpointInfo endpoint : endpoints) {
        add(endpointIps, endpoint.address(), new EndpointOwner(service, endpoint));
      }
    }
    Map<InetAddress, List<PodInfo>> podIps = new HashMap<>(capacity(b.pods.size()));
    List<Map.Entry<String, PodInfo>> orderedPods = new ArrayList<>(b.pods.entrySet());
    orderedPods.sort(Map.Entry.comparingByKey());
    for (Map.Entry<String, PodInfo> pod : orderedPods) {
      add(podIps, pod.getValue().ip(), pod.getValue());
    }
    return new ClusterSnapshot(
        synced,
        serial,
        Set.copyOf(b.namespaces),
        ShardedMap.copyOf(entries),
        freeze(clusterIps),
        freeze(endpointIps),
        ShardedMap.copyOf(b.pods),
        freeze(podIps));
  }

  /**
   * Appends to the list at {@code key}. Nearly every address has one owner, so a list starts
   * immutable with one item and is copied into a growable one only for a second.
   */
  private static <K, V> void add(Map<K, List<V>> map, K key, V value) {
    List<V> old = map.putIfAbsent(key, List.of(value));
    if (old != null) {
      List<V> more = old instanceof ArrayList<V> growable ? growable : new ArrayList<>(old);
      more.add(value);
      map.put(key, more);
    }
  }

  /** A HashMap capacity that holds {@code size} entries without resizing. */
  private static int capacity(int size) {
    return (int) Math.min(Integer.MAX_VALUE, size * 4L / 3 + 1);
  }

  private static <K, V> ShardedMap<K, List<V>> freeze(Map<K, List<V>> map) {
    map.replaceAll((k, v) -> List.copyOf(v));
    return ShardedMap.copyOf(map);
  }

  public static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static String key(PodInfo pod) {
    return key(pod.namespace(), pod.name());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts the next snapshot from this one; this snapshot itself never changes. */
  public Update update() {
    return new Update(this);
  }

  /** Whether every source had completed its first full load when this snapshot was built. */
  public boolean synced() {
    return synced;
  }

  /** Unix seconds of the last change that DNS can see: the SOA serial. */
  public long serial() {
    return serial;
  }

  public boolean hasNamespace(String namespace) {
    return namespaces.contains(namespace);
  }

  public Set<String> namespaces() {
    return namespaces;
  }

  /** The Service and its ready endpoints, or null. */
  public ServiceEntry service(String namespace, String name) {
    return services.get(key(namespace, name));
  }

  public Collection<ServiceEntry> services() {
    return services.values();
  }

  /** Services that have {@code ip} among their cluster IPs, ordered by namespace and name. */
  public List<ServiceInfo> servicesWithClusterIp(InetAddress ip) {
    return byClusterIp.getOrDefault(ip, List.of());
  }

  /** Ready endpoints with address {@code ip}, ordered by namespace and name of their Service. */
  public List<EndpointOwner> endpointsWithIp(InetAddress ip) {
    return byEndpointIp.getOrDefault(ip, List.of());
  }

  /**
   * Running Pods with {@code ip} (only filled under {@code pods verified}), ordered by namespace
   * and name.
   */
  public List<PodInfo> podsWithIp(InetAddress ip) {
    return podsByIp.getOrDefault(ip, List.of());
  }

  /** Collects the objects of a snapshot; not thread-safe, used by one source at a time. */
  public static final class Builder {
    private final Set<String> namespaces = new HashSet<>();
    private final Map<String, ServiceInfo> services = new HashMap<>();
    private final Map<String, List<EndpointInfo>> endpoints = new HashMap<>();
    private final Map<String, PodInfo> pods = new HashMap<>();

    public Builder namespace(String namespace) {
      namespaces.add(namespace);
      return this;
    }

    public Builder service(ServiceInfo service) {
      services.put(service.key(), service);
      namespaces.add(service.namespace());
      return this;
    }

    /** Adds ready endpoints of one slice of the Service {@code namespace/serviceName}. */
    public Builder endpoints(String namespace, String serviceName, Collection<EndpointInfo> ready) {
      endpoints.computeIfAbsent(key(namespace, serviceName), k -> new ArrayList<>()).addAll(ready);
      return this;
    }

    /** Adds a Pod; a second Pod of the same namespace and name replaces the first. */
    public Builder pod(PodInfo pod) {
      pods.put(key(pod), pod);
      return this;
    }

    public ClusterSnapshot build(boolean synced, long serial) {
      return of(this, synced, serial);
    }
  }

  /**
   * The changes from one snapshot to the next, each Service or Pod replaced or removed as a
   * whole; the cost is in proportion to the changes. Unlike the builder, a Service does not add
   * its namespace: the namespaces are exactly those last set. Not thread-safe.
   */
  public static final class Update {
    private static final Function<ServiceInfo, String> SERVICE_KEY = ServiceInfo::key;
    private static final Function<EndpointOwner, String> OWNER_KEY = o -> o.service().key();
    private static final Function<PodInfo, String> POD_KEY = ClusterSnapshot::key;

    private Set<String> namespaces;
    private final ShardedMap.Editor<String, ServiceEntry> services;
    private final ShardedMap.Editor<InetAddress, List<ServiceInfo>> byClusterIp;
    private final ShardedMap.Editor<InetAddress, List<EndpointOwner>> byEndpointIp;
    private final ShardedMap.Editor<String, PodInfo> pods;
    private final ShardedMap.Editor<InetAddress, List<PodInfo>> podsByIp;

    private Update(ClusterSnapshot base) {
      namespaces = base.namespaces;
      services = base.services.edit();
      byClusterIp = base.byClusterIp.edit();
      byEndpointIp = base.byEndpointIp.edit();
      pods = base.pods.edit();
      podsByIp = base.podsByIp.edit();
    }

    public Update namespaces(Set<String> namespaces) {
      this.namespaces = Set.copyOf(namespaces);
      return this;
    }

    /**
     * Sets the Service with the ready endpoints of all its slices, as {@link
     * Builder#endpoints} would collect them.
     */
    public Update service(ServiceInfo service, Collection<EndpointInfo> endpoints) {
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

    /** Removes the Service with {@link #key} {@code key}, if there is one. */
    public Update removeService(String key) {
      ServiceEntry old = services.get(key);
      if (old != null) {
        unindex(old);
        services.remove(key);
      }
      return this;
    }

    public Update pod(PodInfo pod) {
      PodInfo old = pods.get(key(pod));
      if (!pod.equals(old)) {
        if (old != null) {
          remove(podsByIp, old.ip(), key(old), POD_KEY);
        }
        pods.put(key(pod), pod);
        insert(podsByIp, pod.ip(), pod, POD_KEY);
      }
      return this;
    }

    /** Removes the Pod with {@link #key} {@code key}, if there is one. */
    public Update removePod(String key) {
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
}
