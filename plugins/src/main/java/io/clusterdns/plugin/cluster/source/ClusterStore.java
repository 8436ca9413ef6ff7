package io.clusterdns.plugin.cluster.source;

import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.PodInfo;
import io.clusterdns.plugin.cluster.ServiceInfo;
import io.clusterdns.plugin.cluster.ServiceKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The current converted objects of one source, and how they become a {@link ClusterSnapshot}.
 * Writers are informer or file-watch threads; every write that changes what DNS can see moves
 * the serial to the current second, remembers which Services and Pods it touched ({@link
 * TrackedObjects}), and calls the change listener. Each snapshot is derived from the one before
 * by just those touched objects ({@link ClusterChanges}). Thread-safe.
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

  private final Clock clock;
  private final Runnable onChange;
  private final Executor helper;
  private final TrackedObjects tracked;
  private long serial;
  /** The last snapshot made; guarded by {@code publishing}, which is taken before {@code this}. */
  private ClusterSnapshot published;
  private final Object publishing = new Object();

  ClusterStore(NamespaceRule rule, Clock clock, Runnable onChange) {
    this(rule, clock, onChange, Runnable::run);
  }

  /**
   * @param helper takes part of a snapshot built from all objects (a first load), beside the
   *     thread that builds it; {@code Runnable::run} builds it all on that thread
   */
  ClusterStore(NamespaceRule rule, Clock clock, Runnable onChange, Executor helper) {
    this.clock = clock;
    this.helper = helper;
    this.tracked = new TrackedObjects(rule);
    this.onChange = onChange;
    this.serial = clock.instant().getEpochSecond();
  }

  void putService(ServiceInfo service) {
    boolean changed;
    synchronized (this) {
      changed = tracked.put(service);
    }
    changed(changed);
  }

  void removeService(String key) {
    boolean changed;
    synchronized (this) {
      changed = tracked.removeService(key);
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
      changed = tracked.put(slice);
      ServiceInfo service = tracked.objects().services.get(ClusterSnapshot.key(slice.namespace(), slice.serviceName()));
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
      changed = tracked.removeSlice(id);
    }
    changed(changed);
  }

  void putNamespace(String namespace) {
    boolean changed;
    synchronized (this) {
      changed = tracked.putNamespace(namespace);
    }
    changed(changed);
  }

  void removeNamespace(String namespace) {
    boolean changed;
    synchronized (this) {
      changed = tracked.removeNamespace(namespace);
    }
    changed(changed);
  }

  void putPod(String key, PodInfo pod) {
    boolean changed;
    synchronized (this) {
      changed = tracked.put(key, pod);
    }
    changed(changed);
  }

  void removePod(String key) {
    boolean changed;
    synchronized (this) {
      changed = tracked.removePod(key);
    }
    changed(changed);
  }

  /** Replaces everything at once (a manifest reload); a change only if something differs. */
  void replaceAll(ClusterObjects next) {
    boolean differs;
    synchronized (this) {
      differs = tracked.replaceAll(next);
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
      ClusterChanges changes;
      synchronized (this) {
        changes = published == null || tracked.tooManyTouched()
            ? null
            : tracked.takeChanges(published.namespaces(), serial);
        if (changes == null) {
          tracked.forgetTouched();
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
      ClusterObjects objects = tracked.objects();
      services = new ArrayList<>(objects.services.values());
      slices = new ArrayList<>(objects.slices.values());
      slices.sort(Comparator.comparing(SliceInfo::id));
      namespaces = tracked.visibleNamespaces();
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
    return builder.build(synced, currentSerial, helper);
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
