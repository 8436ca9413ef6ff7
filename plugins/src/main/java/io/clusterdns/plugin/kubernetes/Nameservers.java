package io.clusterdns.plugin.kubernetes;

import io.clusterdns.plugin.cluster.EndpointNames;
import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.EndpointOwner;
import io.clusterdns.plugin.cluster.ServiceInfo;
import io.clusterdns.plugin.cluster.ServiceKind;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The zone's name servers: the Services whose endpoints hold one of this server's own addresses
 * (so a kubeadm cluster answers {@code kube-dns.kube-system.svc.<zone>}), else {@code
 * ns.dns.<zone>} with this server's addresses as glue.
 */
final class Nameservers {
  static final String DEFAULT_NAME = "ns.dns";

  private final List<InetAddress> localAddresses;
  private final KubernetesOptions options;

  Nameservers(List<InetAddress> localAddresses, KubernetesOptions options) {
    this.localAddresses = List.copyOf(localAddresses);
    this.options = options;
  }

  /**
   * Name server names (relative to the zone) and their glue as items with no port; a name whose
   * glue is unknown (a server with no non-loopback address) appears in {@code names} only.
   */
  record Found(List<String> names, List<Item> glue) {}

  Found find(ClusterSnapshot snapshot) {
    Set<String> names = new LinkedHashSet<>();
    Set<Item> glue = new LinkedHashSet<>();
    for (InetAddress local : localAddresses) {
      for (EndpointOwner owner : snapshot.endpointsWithIp(local)) {
        ServiceInfo service = owner.service();
        if (!options.namespaceAllowed(service.namespace())) {
          continue;
        }
        String base = service.name() + "." + service.namespace() + ".svc";
        if (service.kind() == ServiceKind.HEADLESS) {
          String name = EndpointNames.of(owner.endpoint(), options.endpointPodNames()) + "." + base;
          names.add(name);
          glue.add(new Item(local, Item.NO_PORT, name));
        } else if (service.kind() == ServiceKind.CLUSTER_IP) {
          names.add(base);
          for (InetAddress ip : service.clusterIps()) {
            glue.add(new Item(ip, Item.NO_PORT, base));
          }
        }
      }
    }
    if (names.isEmpty()) {
      names.add(DEFAULT_NAME);
      for (InetAddress local : localAddresses) {
        glue.add(new Item(local, Item.NO_PORT, DEFAULT_NAME));
      }
    }
    return new Found(new ArrayList<>(names), new ArrayList<>(glue));
  }
}
