package io.clusterdns.plugin.kubernetes.view;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable, indexed view of the cluster as DNS sees it. A new snapshot is built and swapped
 * in whole on every change; queries read one snapshot without locks, and every look-up is a hash
 * look-up. Names passed in must already be lower case.
 */
public final class ClusterSnapshot {
  /** The view before anything was loaded: no objects, not synced. */
  public static final ClusterSnapshot EMPTY = builder().build(false, 0);

  private static final Comparator<EndpointInfo> ENDPOINT_ORDER =
      Comparator.comparing((EndpointInfo e) -> e.address().getAddress().length)
          .thenComparing(e -> e.address().getHostAddress());

  private final boolean synced;
  private final long serial;
  private final Set<String> namespaces;
  private final Map<String, ServiceEntry> services;
  private final Map<InetAddress, List<ServiceInfo>> byClusterIp;
  private final Map<InetAddress, List<EndpointOwner>> byEndpointIp;
  private final Map<InetAddress, List<PodInfo>> podsByIp;

  private ClusterSnapshot(Builder b, boolean synced, long serial) {
    this.synced = synced;
    this.serial = serial;
    this.namespaces = Set.copyOf(b.namespaces);
    Map<String, ServiceEntry> entries = new HashMap<>();
    Map<InetAddress, List<ServiceInfo>> clusterIps = new HashMap<>();
    Map<InetAddress, List<EndpointOwner>> endpointIps = new HashMap<>();
    List<ServiceInfo> ordered = new ArrayList<>(b.services.values());
    ordered.sort(Comparator.comparing(ServiceInfo::key));
    for (ServiceInfo service : ordered) {
      List<EndpointInfo> endpoints = merge(b.endpoints.getOrDefault(service.key(), List.of()));
      entries.put(service.key(), new ServiceEntry(service, endpoints));
      for (InetAddress ip : service.clusterIps()) {
        clusterIps.computeIfAbsent(ip, k -> new ArrayList<>()).add(service);
      }
      for (EndpointInfo endpoint : endpoints) {
        endpointIps
            .computeIfAbsent(endpoint.address(), k -> new ArrayList<>())
            .add(new EndpointOwner(service, endpoint));
      }
    }
    this.services = Map.copyOf(entries);
    this.byClusterIp = freeze(clusterIps);
    this.byEndpointIp = freeze(endpointIps);
    Map<InetAddress, List<PodInfo>> pods = new HashMap<>();
    for (PodInfo pod : b.pods) {
      pods.computeIfAbsent(pod.ip(), k -> new ArrayList<>()).add(pod);
    }
    this.podsByIp = freeze(pods);
  }

  /** Merges the endpoints of all slices: one per address, ports united, sorted by address. */
  private static List<EndpointInfo> merge(List<EndpointInfo> raw) {
    if (raw.isEmpty()) {
      return List.of();
    }
    Map<InetAddress, EndpointInfo> byAddress = new LinkedHashMap<>();
    for (EndpointInfo e : raw) {
      EndpointInfo seen = byAddress.get(e.address());
      if (seen == null) {
        byAddress.put(e.address(), e);
      } else {
        List<PortInfo> ports = new ArrayList<>(seen.ports());
        for (PortInfo p : e.ports()) {
          if (!ports.contains(p)) {
            ports.add(p);
          }
        }
        byAddress.put(
            e.address(),
            new EndpointInfo(
                seen.address(),
                seen.hostname() != null ? seen.hostname() : e.hostname(),
                seen.podName() != null ? seen.podName() : e.podName(),
                seen.zone() != null ? seen.zone() : e.zone(),
                ports));
      }
    }
    List<EndpointInfo> merged = new ArrayList<>(byAddress.values());
    merged.sort(ENDPOINT_ORDER);
    return merged;
  }

  private static <K, V> Map<K, List<V>> freeze(Map<K, List<V>> map) {
    Map<K, List<V>> frozen = new HashMap<>();
    map.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return Map.copyOf(frozen);
  }

  public static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  public static Builder builder() {
    return new Builder();
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

  /** Running Pods with {@code ip} (only filled under {@code pods verified}). */
  public List<PodInfo> podsWithIp(InetAddress ip) {
    return podsByIp.getOrDefault(ip, List.of());
  }

  /** Collects the objects of a snapshot; not thread-safe, used by one source at a time. */
  public static final class Builder {
    private final Set<String> namespaces = new HashSet<>();
    private final Map<String, ServiceInfo> services = new HashMap<>();
    private final Map<String, List<EndpointInfo>> endpoints = new HashMap<>();
    private final List<PodInfo> pods = new ArrayList<>();

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

    public Builder pod(PodInfo pod) {
      pods.add(pod);
      return this;
    }

    public ClusterSnapshot build(boolean synced, long serial) {
      return new ClusterSnapshot(this, synced, serial);
    }
  }
}
