package io.clusterdns.plugin.kubernetes;

import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.PodInfo;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.Name;

/**
 * The search path the kubelet writes into a Pod's resolv.conf ({@code <ns>.svc.<zone> svc.<zone>
 * <zone>}), found for a client from its source address under {@code pods verified}. Only an
 * address held by exactly one running Pod with a network of its own names a client: two Pods
 * with one address (an address reused before the watch caught up) or a Pod in the host's network
 * (whose address is the node's, shared with every other process there) could be the wrong
 * namespace, and a wrong search path gives another namespace's answers.
 */
final class ClientSearchPaths {
  private final Name[] zones;
  /** Per forward zone, the search path of each namespace seen, so that a query allocates none. */
  private final ConcurrentHashMap<String, Optional<List<Name>>>[] paths;

  @SuppressWarnings("unchecked")
  ClientSearchPaths(List<Name> forwardZones) {
    this.zones = forwardZones.toArray(new Name[0]);
    this.paths = new ConcurrentHashMap[zones.length];
    for (int i = 0; i < paths.length; i++) {
      paths[i] = new ConcurrentHashMap<>();
    }
  }

  Optional<List<Name>> find(ClusterSnapshot snapshot, InetAddress client, Name qname) {
    int zone = zoneIndex(qname);
    if (zone < 0) {
      return Optional.empty();
    }
    List<PodInfo> pods = snapshot.podsWithIp(client);
    if (pods.size() != 1 || pods.get(0).hostNetwork()) {
      return Optional.empty();
    }
    Name zoneName = zones[zone];
    return paths[zone].computeIfAbsent(pods.get(0).namespace(), namespace -> path(namespace, zoneName));
  }

  /** The most specific zone holding {@code qname}, as the kubernetes plugin picks it. */
  private int zoneIndex(Name qname) {
    int best = -1;
    for (int i = 0; i < zones.length; i++) {
      if ((best < 0 || zones[i].labels() > zones[best].labels()) && qname.subdomain(zones[i])) {
        best = i;
      }
    }
    return best;
  }

  private static Optional<List<Name>> path(String namespace, Name zone) {
    try {
      Name svc = Name.concatenate(Name.fromConstantString("svc"), zone);
      return Optional.of(List.of(Name.concatenate(Name.fromString(namespace), svc), svc, zone));
    } catch (Exception e) {
      // A namespace is a DNS label by API validation; a name too long for DNS has no search path.
      return Optional.empty();
    }
  }
}
