package io.clusterdns.plugin.kubernetes;

import io.clusterdns.plugin.kubernetes.view.ClusterSnapshot;
import io.clusterdns.plugin.kubernetes.view.EndpointOwner;
import io.clusterdns.plugin.kubernetes.view.ServiceInfo;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.Name;

/**
 * PTR targets for an address (decision D6, docs/decisions.md): the first Service with that cluster IP; otherwise
 * every ready endpoint with that address, de-duplicated and sorted.
 */
public final class ReverseLookup {
  private static final int IPV4_LABELS = 4;
  private static final int IPV6_LABELS = 32;

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

  /**
   * The address a full reverse name stands for ({@code 4.3.2.1.in-addr.arpa.} or 32 nibbles
   * under {@code ip6.arpa.}); null for any other name.
   */
  public static InetAddress address(Name name) {
    boolean v4 = name.subdomain(ReverseZones.IN_ADDR_ARPA);
    int count = v4 ? IPV4_LABELS : IPV6_LABELS;
    if (name.labels() != count + 3) {
      return null;
    }
    byte[] bytes = new byte[v4 ? 4 : 16];
    for (int i = 0; i < count; i++) {
      String label = name.getLabelString(i);
      int value = v4 ? octet(label) : nibble(label);
      if (value < 0) {
        return null;
      }
      if (v4) {
        bytes[IPV4_LABELS - 1 - i] = (byte) value;
      } else {
        int index = IPV6_LABELS - 1 - i;
        bytes[index / 2] |= (byte) (index % 2 == 0 ? value << 4 : value);
      }
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static int octet(String label) {
    if (label.isEmpty() || label.length() > 3) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value <= 255 ? value : -1;
  }

  private static int nibble(String label) {
    return label.length() == 1 ? Character.digit(label.charAt(0), 16) : -1;
  }
}
