package io.clusterdns.plugin.cluster.source;

import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.EndpointInfo;
import io.clusterdns.plugin.cluster.PodInfo;
import io.clusterdns.plugin.cluster.ServiceInfo;
import java.util.ArrayList;
import java.util.Collections;
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
 * The objects of a {@link ClusterStore}, indexed by Service and by namespace, and which of them
 * were touched since the last snapshot, so that the next one is derived from just those
 * ({@link #takeChanges}). Every put and remove says whether DNS can see a difference. Not
 * thread-safe: the store's lock guards it.
 */
final class TrackedObjects {
  /**
   * Above this share of all Services touched at once (a first load), one build from all objects
   * is cheaper than deriving.
   */
  private static final int FULL_BUILD_DIVISOR = 2;

  private final ClusterStore.NamespaceRule rule;
  private final ClusterObjects objects = new ClusterObjects();
  /** Ids in order, so that the slices of a Service merge the same way as in a full build. */
  private final Map<String, SortedSet<String>> sliceIdsByService = new HashMap<>();
  private final Map<String, NamespaceMembers> members = new HashMap<>();
  private final Set<String> touchedServices = new HashSet<>();
  private final Set<String> touchedPods = new HashSet<>();
  private boolean namespacesTouched;
  /** Set by a first load, which touches everything: the next snapshot is built from all objects. */
  private boolean everythingTouched;

  TrackedObjects(ClusterStore.NamespaceRule rule) {
    this.rule = rule;
  }

  /** The objects themselves, to read under the store's lock. */
  ClusterObjects objects() {
    return objects;
  }

  boolean put(ServiceInfo service) {
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

  boolean removeService(String key) {
    ServiceInfo old = objects.services.remove(key);
    if (old == null) {
      return false;
    }
    leave(old.namespace(), m -> m.services.remove(key));
    touchedServices.add(key);
    return true;
  }

  boolean put(SliceInfo slice) {
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

  boolean removeSlice(String id) {
    SliceInfo old = objects.slices.remove(id);
    if (old == null) {
      return false;
    }
    unlink(old);
    return true;
  }

  boolean putNamespace(String namespace) {
    boolean changed = objects.namespaces.add(namespace);
    namespacesTouched |= changed;
    return changed;
  }

  boolean removeNamespace(String namespace) {
    boolean changed = objects.namespaces.remove(namespace);
    namespacesTouched |= changed;
    return changed;
  }

  boolean put(String key, PodInfo pod) {
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

  boolean removePod(String key) {
    PodInfo old = objects.pods.remove(key);
    if (old == null) {
      return false;
    }
    leave(old.namespace(), m -> m.pods.remove(key));
    touchedPods.add(key);
    return true;
  }

  /** Replaces everything at once (a manifest reload); false, touching nothing, if nothing differs. */
  boolean replaceAll(ClusterObjects next) {
    if (objects.equals(next)) {
      return false;
    }
    if (objects.services.isEmpty() && objects.slices.isEmpty() && objects.pods.isEmpty()) {
      loadAll(next);
      return true;
    }
    for (String key : List.copyOf(objects.services.keySet())) {
      if (!next.services.containsKey(key)) {
        removeService(key);
      }
    }
    for (String id : List.copyOf(objects.slices.keySet())) {
      if (!next.slices.containsKey(id)) {
        removeSlice(id);
      }
    }
    for (String key : List.copyOf(objects.pods.keySet())) {
      if (!next.pods.containsKey(key)) {
        removePod(key);
      }
    }
    next.services.values().forEach(this::put);
    next.slices.values().forEach(this::put);
    next.pods.forEach(this::put);
    objects.namespaces.clear();
    objects.namespaces.addAll(next.namespaces);
    namespacesTouched = true;
    return true;
  }

  /**
   * The objects of a store that has none: as {@link #replaceAll} would store them one by one,
   * with the maps filled whole under the keys they have and every object touched at once.
   */
  private void loadAll(ClusterObjects next) {
    objects.services.putAll(next.services);
    objects.slices.putAll(next.slices);
    objects.pods.putAll(next.pods);
    next.services.forEach((key, service) -> member(service.namespace()).services.add(key));
    for (SliceInfo slice : next.slices.values()) {
      String service = ClusterSnapshot.key(slice.namespace(), slice.serviceName());
      sliceIdsByService.computeIfAbsent(service, k -> new TreeSet<>()).add(slice.id());
      member(slice.namespace()).slices++;
    }
    next.pods.forEach((key, pod) -> member(pod.namespace()).pods.add(key));
    objects.namespaces.clear();
    objects.namespaces.addAll(next.namespaces);
    namespacesTouched = true;
    everythingTouched = true;
  }

  /** Whether so many Services were touched that a full build is cheaper than deriving. */
  boolean tooManyTouched() {
    return everythingTouched || touchedServices.size() > objects.services.size() / FULL_BUILD_DIVISOR;
  }

  /** Forgets what was touched: the next snapshot is built from all objects. */
  void forgetTouched() {
    touchedServices.clear();
    touchedPods.clear();
    namespacesTouched = false;
    everythingTouched = false;
  }

  /** What the touched objects are now, to derive the next snapshot from the one published. */
  ClusterChanges takeChanges(Set<String> publishedNamespaces, long serial) {
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
    ClusterChanges changes = new ClusterChanges(namespacesTouched ? namespaces : null, serial);
    for (String key : touchedServices) {
      ServiceInfo service = objects.services.get(key);
      if (service == null || !namespaces.contains(service.namespace())) {
        changes.removedServices.add(key);
      } else {
        List<EndpointInfo> endpoints = new ArrayList<>();
        for (String id : sliceIdsByService.getOrDefault(key, Collections.emptySortedSet())) {
          endpoints.addAll(objects.slices.get(id).served(service.publishNotReadyAddresses()));
        }
        changes.services.add(new ClusterChanges.ServiceChange(service, endpoints));
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
    forgetTouched();
    return changes;
  }

  /** The namespaces that exist for DNS under the store's {@link ClusterStore.NamespaceRule}. */
  Set<String> visibleNamespaces() {
    Set<String> namespaces = new HashSet<>(objects.namespaces);
    if (rule == ClusterStore.NamespaceRule.IMPLIED) {
      namespaces.addAll(ClusterStore.BUILT_IN_NAMESPACES);
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

  /** The objects stored in one namespace, to find what a namespace appearing or going touches. */
  private static final class NamespaceMembers {
    final Set<String> services = new HashSet<>();
    final Set<String> pods = new HashSet<>();
    int slices;

    boolean isEmpty() {
      return services.isEmpty() && pods.isEmpty() && slices == 0;
    }
  }
}
