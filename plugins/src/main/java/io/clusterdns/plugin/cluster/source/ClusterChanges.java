package io.clusterdns.plugin.cluster.source;

import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.EndpointInfo;
import io.clusterdns.plugin.cluster.PodInfo;
import io.clusterdns.plugin.cluster.ServiceInfo;
import io.clusterdns.plugin.cluster.SnapshotUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Everything touched since the last snapshot, as it is now ({@link TrackedObjects#takeChanges}),
 * to apply to that snapshot outside the store's lock.
 */
final class ClusterChanges {
  /** The visible namespaces now, or null when they did not change. */
  final Set<String> namespaces;
  final long serial;
  final List<ServiceChange> services = new ArrayList<>();
  final List<String> removedServices = new ArrayList<>();
  final List<PodInfo> pods = new ArrayList<>();
  final List<String> removedPods = new ArrayList<>();

  /** A touched Service as it is now, with the served endpoints of all its slices. */
  record ServiceChange(ServiceInfo service, List<EndpointInfo> endpoints) {}

  ClusterChanges(Set<String> namespaces, long serial) {
    this.namespaces = namespaces;
    this.serial = serial;
  }

  ClusterSnapshot applyTo(ClusterSnapshot previous, boolean synced) {
    SnapshotUpdate update = previous.update();
    if (namespaces != null) {
      update.namespaces(namespaces);
    }
    removedServices.forEach(update::removeService);
    services.forEach(c -> update.service(c.service(), c.endpoints()));
    removedPods.forEach(update::removePod);
    pods.forEach(update::pod);
    return update.build(synced, serial);
  }
}
