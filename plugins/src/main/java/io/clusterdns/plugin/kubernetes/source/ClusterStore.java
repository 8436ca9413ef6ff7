package io.clusterdns.plugin.kubernetes.source;

import io.clusterdns.plugin.kubernetes.view.ClusterSnapshot;
import io.clusterdns.plugin.kubernetes.view.EndpointInfo;
import io.clusterdns.plugin.kubernetes.view.PodInfo;
import io.clusterdns.plugin.kubernetes.view.ServiceInfo;
import io.clusterdns.plugin.kubernetes.view.ServiceKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The current converted objects of one source, and how they become a {@link ClusterSnapshot}.
 * Writers are informer or file-watch threads; every write that changes what DNS can see moves
 * the serial to the current second, remembers which Services and Pods it touched, and calls the
 * change listener. Each snapshot is derived from the one before by just those touched objects.
 * Thread-safe.
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

  /**
   * Above this share of all Services touched at once (a first load), one build from all objects
   * is cheaper than deriving.
   */
  private static final int FULL_BUILD_DIVISOR = 2;

  private final NamespaceRule rule;
  private final Clock clock;
  private final Runnable onChange;
  private final ClusterObjects objects = new ClusterObjects();
  /** Ids in order, so that the slices of a Service merge the same way as in a full build. */
  private final Map<String, SortedSet<String>> sliceIdsByService = new HashMap<>();
  private final Map<String, NamespaceMembers> members = new HashMap<>();
  private final Set<String> touchedServices = new HashSet<>();
  private final Set<String> touchedPods = new HashSet<>();
  private boolean namespacesTouched;
  private long serial;
  /** The last snapshot made; guarded by {@code publishing}, which is taken before {@code this}. */
  private ClusterSnapshot published;
  private final Object publishing = new Object();

  ClusterStore(NamespaceRule rule, Clock clock, Runnable onChange) {
    this.rule = rule;
    this.clock = clock;
    this.onChange = onChange;
    this.serial = clock.instant().getEpochSecond();
  }

  void putService(ServiceInfo service) {
    boolean changed;
    synchronized (this) {
      changed = put(service);
    }
    changed(changed);
  }

  void removeService(String key) {
    boolean changed;
    synchronized (this) {
      changed = removeServiceObject(key);
    }
    changed(changed);
  }

  void putSlice(SliceInfo slice) {
    putSlice(slice, null);
  }

  /**
   * Stores a slice whose change the EndpointSlice controller triggered at {@code
   * lastChangeTrigger} (its annotation, null when absent). When the change is applied to a
   * headless Service, the time from the trigger to now is CoreDNS's DNS programming duration.
   */
  void putSlice(SliceInfo slice, Instant lastChangeTrigger) {
    boolean changed;
    boolean headless;
    synchronized (this) {
      changed = put(slice);
      ServiceInfo service = objects.services.get(ClusterSnapshot.key(slice.namespace(), slice.serviceName()));
      headless = service != null && service.kind() == ServiceKind.HEADLESS;
    }
    changed(changed);
    if (changed && headless && lastChangeTrigger != null) {
      KubernetesMetrics.HEADLESS_WITH_SELECTOR.observe(
          Duration.between(lastChangeTrigger, clock.instant()).toNanos() / 1e9);
    }
  }

  void removeSlice(String id) {
    boolean changed;
    synchronized (this) {
      changed = removeSliceObject(id);
    }
    changed(changed);
  }

  void putNamespace(String namespace) {
    boolean changed;
    synchronized (this) {
      changed = objects.namespaces.add(namespace);
      namespacesTouched |= changed;
    }
    changed(changed);
  }

  void removeNamespace(String namespace) {
    boolean changed;
    synchronized (this) {
      changed = objects.namespaces.remove(namespace);
      namespacesTouched |= changed;
    }
    changed(changed);
  }

  void putPod(String key, PodInfo pod) {
    boolean changed;
    synchronized (this) {
      changed = put(key, pod);
    }
    changed(changed);
  }

  void removePod(String key) {
    boolean changed;
    synchronized (this) {
      changed = removePodObject(key);
    }
    changed(changed);
  }

  /** Replaces everything at once (a manifest reload); a change only if something differs. */
  void replaceAll(ClusterObjects next) {
    boolean differs;
    synchronized (this) {
      differs = !objects.equals(next);
      if (differs) {
        for (String key : List.copyOf(objects.services.keySet())) {
          if (!next.services.containsKey(key)) {
            removeServiceObject(key);
          }
        }
        for (String id : List.copyOf(objects.slices.keySet())) {
          if (!next.slices.containsKey(id)) {
            removeSliceObject(id);
          }
        }
        for (String key : List.copyOf(objects.pods.keySet())) {
          if (!next.pods.containsKey(key)) {
            removePodObject(key);
          }
        }
        next.services.values().forEach(this::put);
        next.slices.values().forEach(this::put);
        next.pods.forEach(this::put);
        objects.namespaces.clear();
        objects.namespaces.addAll(next.namespaces);
        namespacesTouched = true;
      }
    }
    changed(differs);
  }

  /**
   * The snapshot of the current objects, derived from the last one this store made by the
   * objects touched since; readiness of endpoints is settled here (D1 in docs/decisions.md). One caller at a time
   * derives, so each change is applied exactly once.
   */
  ClusterSnapshot snapshot(boolean synced) {
    synchronized (publishing) {
      StoreChanges changes;
      synchronized (this) {
        changes = published == null || tooManyTouched() ? null : takeChanges(published.namespaces());
        if (changes == null) {
          touchedServices.clear();
          touchedPods.clear();
          namespacesTouched = false;
        }
      }
      // A write between clearing and the full build's read is both in that build and touched
      // again; deriving it once more next time changes nothing, so no write is ever lost.
      published = changes == null ? fullSnapshot(synced) : changes.applyTo(published, synced);
      return published;
    }
  }

  /** Builds the snapshot of the current objects from all of them, ignoring what was touched. */
  ClusterSnapshot fullSnapshot(boolean synced) {
    List<ServiceInfo> services;
    List<SliceInfo> slices;
    Set<String> namespaces;
    List<PodInfo> pods;
    long currentSerial;
    synchronized (this) {
      services = new ArrayList<>(objects.services.values());
      slices = new ArrayList<>(objects.slices.values());
      slices.sort(Comparator.comparing(SliceInfo::id));
      namespaces = visibleNamespaces();
      pods = new ArrayList<>(objects.pods.values());
      currentSerial = serial;
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

  /** What the touched objects are now, read under the lock so that no write is half seen. */
  private StoreChanges takeChanges(Set<String> publishedNamespaces) {
    Set<String> namespaces = publishedNamespaces;
    if (namespacesTouched) {
      namespaces = visibleNamespaces();
      for (String namespace : symmetricDifference(namespaces, publishedNamespaces)) {
        NamespaceMembers inside = members.get(namespace);
        if (inside != null) {
          touchedServices.addAll(inside.services);
          touchedPods.addAll(inside.pods);
        }
      }
    }
    StoreChanges changes = new StoreChanges(namespacesTouched ? namespaces : null, serial);
    for (String key : touchedServices) {
      ServiceInfo service = objects.services.get(key);
      if (service == null || !namespaces.contains(service.namespace())) {
        changes.removedServices.add(key);
      } else {
        List<EndpointInfo> endpoints = new ArrayList<>();
        for (String id : sliceIdsByService.getOrDefault(key, Collections.emptySortedSet())) {
          endpoints.addAll(objects.slices.get(id).served(service.publishNotReadyAddresses()));
        }
        changes.services.add(new StoreChanges.ServiceChange(service, endpoints));
      }
    }
    for (String key : touchedPods) {
      PodInfo pod = objects.pods.get(key);
      if (pod == null || !namespaces.contains(pod.namespace())) {
        changes.removedPods.add(key);
      } else {
        changes.pods.add(pod);
      }
    }
    touchedServices.clear();
    touchedPods.clear();
    namespacesTouched = false;
    return changes;
  }

  private boolean tooManyTouched() {
    return touchedServices.size() > objects.services.size() / FULL_BUILD_DIVISOR;
  }

  private Set<String> visibleNamespaces() {
    Set<String> namespaces = new HashSet<>(objects.namespaces);
    if (rule == NamespaceRule.IMPLIED) {
      namespaces.addAll(BUILT_IN_NAMESPACES);
      namespaces.addAll(members.keySet());
    }
    return namespaces;
  }

  private static Set<String> symmetricDifference(Set<String> a, Set<String> b) {
    Set<String> difference = new HashSet<>(a);
    difference.addAll(b);
    difference.removeIf(n -> a.contains(n) && b.contains(n));
    return difference;
  }

  private boolean put(ServiceInfo service) {
    ServiceInfo old = objects.services.put(service.key(), service);
    if (Objects.equals(old, service)) {
      return false;
    }
    if (old == null) {
      member(service.namespace()).services.add(service.key());
    }
    touchedServices.add(service.key());
    return true;
  }

  private boolean removeServiceObject(String key) {
    ServiceInfo old = objects.services.remove(key);
    if (old == null) {
      return false;
    }
    leave(old.namespace(), m -> m.services.remove(key));
    touchedServices.add(key);
    return true;
  }

  private boolean put(SliceInfo slice) {
    SliceInfo old = objects.slices.put(slice.id(), slice);
    if (Objects.equals(old, slice)) {
      return false;
    }
    if (old != null) {
      unlink(old);
    }
    String service = ClusterSnapshot.key(slice.namespace(), slice.serviceName());
    sliceIdsByService.computeIfAbsent(service, k -> new TreeSet<>()).add(slice.id());
    member(slice.namespace()).slices++;
    touchedServices.add(service);
    return true;
  }

  private boolean removeSliceObject(String id) {
    SliceInfo old = objects.slices.remove(id);
    if (old == null) {
      return false;
    }
    unlink(old);
    return true;
  }

  private void unlink(SliceInfo slice) {
    String service = ClusterSnapshot.key(slice.namespace(), slice.serviceName());
    SortedSet<String> ids = sliceIdsByService.get(service);
    ids.remove(slice.id());
    if (ids.isEmpty()) {
      sliceIdsByService.remove(service);
    }
    leave(slice.namespace(), m -> m.slices--);
    touchedServices.add(service);
  }

  private boolean put(String key, PodInfo pod) {
    PodInfo old = objects.pods.put(key, pod);
    if (Objects.equals(old, pod)) {
      return false;
    }
    if (old == null) {
      member(pod.namespace()).pods.add(key);
    }
    touchedPods.add(key);
    return true;
  }

  private boolean removePodObject(String key) {
    PodInfo old = objects.pods.remove(key);
    if (old == null) {
      return false;
    }
    leave(old.namespace(), m -> m.pods.remove(key));
    touchedPods.add(key);
    return true;
  }

  /** The members of {@code namespace}; a namespace that gains its first object may now be seen. */
  private NamespaceMembers member(String namespace) {
    return members.computeIfAbsent(
        namespace,
        n -> {
          namespacesTouched = true;
          return new NamespaceMembers();
        });
  }

  private void leave(String namespace, Consumer<NamespaceMembers> removal) {
    NamespaceMembers inside = members.get(namespace);
    removal.accept(inside);
    if (inside.isEmpty()) {
      members.remove(namespace);
      namespacesTouched = true;
    }
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
