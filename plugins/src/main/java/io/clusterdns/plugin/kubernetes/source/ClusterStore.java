package io.clusterdns.plugin.kubernetes.source;

import io.clusterdns.plugin.kubernetes.view.ClusterSnapshot;
import io.clusterdns.plugin.kubernetes.view.PodInfo;
import io.clusterdns.plugin.kubernetes.view.ServiceInfo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The current converted objects of one source, and how they become a {@link ClusterSnapshot}.
 * Writers are informer or file-watch threads; every write that changes what DNS can see moves
 * the serial to the current second and calls the change listener. Thread-safe.
 */
final class ClusterStore {
  /** Which namespaces exist for DNS. */
  enum NamespaceRule {
    /** Only Namespace objects (the API's namespace watch); objects elsewhere are hidden. */
    MUST_EXIST,
    /**
     * Namespace objects, every namespace an object lives in, and the namespaces every cluster
     * has (manifest files, which rarely declare their namespaces).
     */
    IMPLIED
  }

  static final Set<String> BUILT_IN_NAMESPACES =
      Set.of("default", "kube-system", "kube-public", "kube-node-lease");

  private final NamespaceRule rule;
  private final Clock clock;
  private final Runnable onChange;
  private final ClusterObjects objects = new ClusterObjects();
  private long serial;

  ClusterStore(NamespaceRule rule, Clock clock, Runnable onChange) {
    this.rule = rule;
    this.clock = clock;
    this.onChange = onChange;
    this.serial = clock.instant().getEpochSecond();
  }

  void putService(ServiceInfo service) {
    changed(!Objects.equals(put(objects.services, service.key(), service), service));
  }

  void removeService(String key) {
    changed(remove(objects.services, key));
  }

  void putSlice(SliceInfo slice) {
    changed(!Objects.equals(put(objects.slices, slice.id(), slice), slice));
  }

  void removeSlice(String id) {
    changed(remove(objects.slices, id));
  }

  void putNamespace(String namespace) {
    boolean added;
    synchronized (this) {
      added = objects.namespaces.add(namespace);
    }
    changed(added);
  }

  void removeNamespace(String namespace) {
    boolean removed;
    synchronized (this) {
      removed = objects.namespaces.remove(namespace);
    }
    changed(removed);
  }

  void putPod(String key, PodInfo pod) {
    changed(!Objects.equals(put(objects.pods, key, pod), pod));
  }

  void removePod(String key) {
    changed(remove(objects.pods, key));
  }

  /** Replaces everything at once (a manifest reload); a change only if something differs. */
  void replaceAll(ClusterObjects next) {
    boolean differs;
    synchronized (this) {
      differs = !objects.equals(next);
      if (differs) {
        objects.services.clear();
        objects.slices.clear();
        objects.namespaces.clear();
        objects.pods.clear();
        objects.addAll(next);
      }
    }
    changed(differs);
  }

  /** Builds the snapshot of the current objects; readiness of endpoints is settled here (D1). */
  ClusterSnapshot snapshot(boolean synced) {
    List<ServiceInfo> services;
    List<SliceInfo> slices;
    Set<String> namespaces;
    List<PodInfo> pods;
    long currentSerial;
    synchronized (this) {
      services = new ArrayList<>(objects.services.values());
      slices = new ArrayList<>(objects.slices.values());
      namespaces = new HashSet<>(objects.namespaces);
      pods = new ArrayList<>(objects.pods.values());
      currentSerial = serial;
    }
    if (rule == NamespaceRule.IMPLIED) {
      namespaces.addAll(BUILT_IN_NAMESPACES);
      services.forEach(s -> namespaces.add(s.namespace()));
      slices.forEach(s -> namespaces.add(s.namespace()));
      pods.forEach(p -> namespaces.add(p.namespace()));
    }
    ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    namespaces.forEach(builder::namespace);
    Map<String, ServiceInfo> visible = new HashMap<>();
    for (ServiceInfo service : services) {
      if (namespaces.contains(service.namespace())) {
        builder.service(service);
        visible.put(service.key(), service);
      }
    }
    for (SliceInfo slice : slices) {
      ServiceInfo service = visible.get(ClusterSnapshot.key(slice.namespace(), slice.serviceName()));
      if (service != null) {
        builder.endpoints(
            slice.namespace(), slice.serviceName(), slice.served(service.publishNotReadyAddresses()));
      }
    }
    for (PodInfo pod : pods) {
      if (namespaces.contains(pod.namespace())) {
        builder.pod(pod);
      }
    }
    return builder.build(synced, currentSerial);
  }

  private synchronized <V> V put(Map<String, V> map, String key, V value) {
    return map.put(key, value);
  }

  private synchronized <V> boolean remove(Map<String, V> map, String key) {
    return map.remove(key) != null;
  }

  private void changed(boolean changed) {
    if (changed) {
      synchronized (this) {
        serial = clock.instant().getEpochSecond();
      }
      onChange.run();
    }
  }
}
