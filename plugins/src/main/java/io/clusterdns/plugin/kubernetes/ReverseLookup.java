package io.clusterdns.plugin.kubernetes;

import io.clusterdns.plugin.cluster.EndpointNames;
import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.EndpointOwner;
import io.clusterdns.plugin.cluster.ServiceInfo;
import java.net.InetAddress;
import java.util.Set;
import java.util.TreeSet;

/**
 * PTR targets for an address (decision D6, docs/decisions.md): the first Service with that cluster IP; otherwise
 * every ready endpoint with that address, de-duplicated and sorted.
 */
final class ReverseLookup {
  private final KubernetesOptions options;

  ReverseLookup(KubernetesOptions options) {
    this.options = options;
  }

  /** Target names relative to the primary zone, such as {@code svc1.testns.svc}. */
  Set<String> targets(InetAddress ip, ClusterSnapshot snapshot) {
    Set<String> targets = new TreeSet<>();
    for (ServiceInfo service : snapshot.servicesWithClusterIp(ip)) {
      if (exposed(service, snapshot)) {
        targets.add(service.name() + "." + service.namespace() + ".svc");
        return targets;
      }
    }
    if (options.noEndpoints()) {
      return targets;
    }
    for (EndpointOwner owner : snapshot.endpointsWithIp(ip)) {
      ServiceInfo service = owner.service();
      if (exposed(service, snapshot)) {
        targets.add(
            EndpointNames.of(owner.endpoint(), options.endpointPodNames())
                + "." + service.name() + "." + service.namespace() + ".svc");
      }
    }
    return targets;
  }

  private boolean exposed(ServiceInfo service, ClusterSnapshot snapshot) {
    return options.namespaceAllowed(service.namespace()) && snapshot.hasNamespace(service.namespace());
  }
}
