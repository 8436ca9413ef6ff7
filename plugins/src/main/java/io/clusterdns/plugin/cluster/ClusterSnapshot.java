package io.clusterdns.plugin.cluster;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

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
  /**
   * {@code Map.Entry.comparingByKey()} as a lambda of this class: the class-data archive holds the
   * application's lambda classes but not those made for the JDK's own methods, which every start
   * would generate (the plugin's setup makes the empty snapshot). Set before {@link #EMPTY}.
   */
  private static final Comparator<Map.Entry<String, ?>> BY_KEY = (a, b) -> a.getKey().compareTo(b.getKey());
  /** The view before anything was loaded: no objects, not synced. */
  public static final ClusterSnapshot EMPTY = builder().build(false, 0);

  private final boolean synced;
  private final long serial;
  final Set<String> namespaces;
  final ShardedMap<String, ServiceEntry> services;
  final ShardedMap<InetAddress, List<ServiceInfo>> byClusterIp;
  final ShardedMap<InetAddress, List<EndpointOwner>> byEndpointIp;
  final ShardedMap<String, PodInfo> pods;
  final ShardedMap<InetAddress, List<PodInfo>> podsByIp;

  ClusterSnapshot(
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

  /**
   * Builds every index in one pass over all objects, sorting once instead of per insert. The
   * index of endpoint addresses, the largest (one entry per endpoint), and the map of Services
   * are offered to {@code helper} and built there while this thread builds the others.
   */
  private static ClusterSnapshot of(Builder b, boolean synced, long serial, Executor helper) {
    // Sorted by the keys the builder already holds: a Service's key() would be made anew per comparison.
    List<Map.Entry<String, ServiceInfo>> ordered = new ArrayList<>(b.services.entrySet());
    ordered.sort(BY_KEY);
    List<Map.Entry<String, ServiceEntry>> entries = new ArrayList<>(ordered.size());
    for (Map.Entry<String, ServiceInfo> keyed : ordered) {
      List<EndpointInfo> endpoints = EndpointMerge.merge(b.endpoints.getOrDefault(keyed.getKey(), List.of()));
      entries.add(Map.entry(keyed.getKey(), new ServiceEntry(keyed.getValue(), endpoints)));
    }
    SideTask<ShardedMap<InetAddress, List<EndpointOwner>>> endpointIps =
        SideTask.fork(() -> endpointIndex(entries), helper);
    SideTask<ShardedMap<String, ServiceEntry>> services = SideTask.fork(() -> ShardedMap.ofEntries(entries), helper);
    Map<InetAddress, List<ServiceInfo>> clusterIps = new HashMap<>(capacity(entries.size()));
    for (Map.Entry<String, ServiceEntry> entry : entries) {
      ServiceInfo service = entry.getValue().service();
      for (InetAddress ip : service.clusterIps()) {
        add(clusterIps, ip, service);
      }
    }
    Map<InetAddress, List<PodInfo>> podIps = new HashMap<>(capacity(b.pods.size()));
    List<Map.Entry<String, PodInfo>> orderedPods = new ArrayList<>(b.pods.entrySet());
    orderedPods.sort(BY_KEY);
    for (Map.Entry<String, PodInfo> pod : orderedPods) {
      add(podIps, pod.getValue().ip(), pod.getValue());
    }
    return new ClusterSnapshot(
        synced,
        serial,
        Set.copyOf(b.namespaces),
        services.join(),
        freeze(clusterIps),
        endpointIps.join(),
        ShardedMap.copyOf(b.pods),
        freeze(podIps));
  }

  /** Each endpoint address with the Services it serves, in the order of {@code entries}. */
  private static ShardedMap<InetAddress, List<EndpointOwner>> endpointIndex(
      List<Map.Entry<String, ServiceEntry>> entries) {
    int endpoints = 0;
    for (Map.Entry<String, ServiceEntry> entry : entries) {
      endpoints += entry.getValue().endpoints().size();
    }
    Map<InetAddress, List<EndpointOwner>> index = new HashMap<>(capacity(endpoints));
    for (Map.Entry<String, ServiceEntry> entry : entries) {
      ServiceInfo service = entry.getValue().service();
      for (EndpointInfo endpoint : entry.getValue().endpoints()) {
        add(index, endpoint.address(), new EndpointOwner(service, endpoint));
      }
    }
    return freeze(index);
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

  static String key(PodInfo pod) {
    return key(pod.namespace(), pod.name());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts the next snapshot from this one; this snapshot itself never changes. */
  public SnapshotUpdate update() {
    return new SnapshotUpdate(this);
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
      // The first slice's list is kept as it is (unmodifiable, and often merged already, so the
      // build takes it without a copy); only the lists made here for a second slice grow.
      endpoints.merge(key(namespace, serviceName), List.copyOf(ready), (first, more) -> {
        List<EndpointInfo> all = first instanceof ArrayList<EndpointInfo> growable ? growable : new ArrayList<>(first);
        all.addAll(more);
        return all;
      });
      return this;
    }

    /** Adds a Pod; a second Pod of the same namespace and name replaces the first. */
    public Builder pod(PodInfo pod) {
      pods.put(key(pod), pod);
      return this;
    }

    public ClusterSnapshot build(boolean synced, long serial) {
      return build(synced, serial, Runnable::run);
    }

    /**
     * The snapshot, with part of the work offered to {@code helper} (a source's idle loading
     * threads): the first snapshot of a large cluster is built on two cores.
     */
    public ClusterSnapshot build(boolean synced, long serial, Executor helper) {
      return of(this, synced, serial, helper);
    }
  }
}
