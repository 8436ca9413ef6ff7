package io.clusterdns.plugin.k8s_external;

import io.clusterdns.config.IpLiteral;
import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.ServiceEntry;
import io.clusterdns.plugin.cluster.ServiceInfo;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The Services of one cluster snapshot that have external addresses (rule R9: {@code
 * spec.externalIPs}, then each load-balancer ingress IP or host name), parsed once per snapshot
 * so that queries neither parse addresses nor scan Services. Immutable.
 */
final class ExternalIndex {
  /** A Service's external addresses: IP literals, and host names that are answered by CNAME. */
  record Addresses(List<InetAddress> ips, List<Name> hostnames) {}

  private final ClusterSnapshot snapshot;
  private final Map<String, Addresses> byService;
  private final Map<InetAddress, List<ServiceInfo>> byAddress;

  private ExternalIndex(
      ClusterSnapshot snapshot,
      Map<String, Addresses> byService,
      Map<InetAddress, List<ServiceInfo>> byAddress) {
    this.snapshot = snapshot;
    this.byService = byService;
    this.byAddress = byAddress;
  }

  static ExternalIndex of(ClusterSnapshot snapshot) {
    Map<String, Addresses> byService = new HashMap<>();
    Map<InetAddress, List<ServiceInfo>> byAddress = new HashMap<>();
    for (ServiceEntry entry : snapshot.services()) {
      ServiceInfo service = entry.service();
      if (service.externalIps().isEmpty()) {
        continue;
      }
      List<InetAddress> ips = new ArrayList<>();
      List<Name> hostnames = new ArrayList<>();
      for (String written : service.externalIps()) {
        InetAddress ip = IpLiteral.parse(written).orElse(null);
        if (ip != null) {
          if (!ips.contains(ip)) {
            ips.add(ip);
            byAddress.computeIfAbsent(ip, k -> new ArrayList<>()).add(service);
          }
        } else {
          Name hostname = hostname(written);
          if (hostname != null && !hostnames.contains(hostname)) {
            hostnames.add(hostname);
          }
        }
      }
      if (!ips.isEmpty() || !hostnames.isEmpty()) {
        byService.put(service.key(), new Addresses(List.copyOf(ips), List.copyOf(hostnames)));
      }
    }
    byAddress.replaceAll(
        (ip, services) -> services.stream().sorted(Comparator.comparing(ServiceInfo::key)).toList());
    return new ExternalIndex(snapshot, Map.copyOf(byService), Map.copyOf(byAddress));
  }

  /** A load-balancer host name as an absolute name; null when it is not a valid DNS name. */
  private static Name hostname(String text) {
    try {
      return Name.fromString(text.endsWith(".") ? text : text + ".");
    } catch (TextParseException e) {
      return null;
    }
  }

  ClusterSnapshot snapshot() {
    return snapshot;
  }

  /** The external addresses of Service {@code namespace/name}, or null when it has none. */
  Addresses addresses(String namespace, String name) {
    return byService.get(ClusterSnapshot.key(namespace, name));
  }

  /** Services with external IP {@code ip}, ordered by namespace and name. */
  List<ServiceInfo> servicesWith(InetAddress ip) {
    return byAddress.getOrDefault(ip, List.of());
  }
}
