package io.clusterdns.plugin.cluster.source;

import io.clusterdns.config.IpLiteral;
import io.clusterdns.plugin.cluster.EndpointInfo;
import io.clusterdns.plugin.cluster.PortInfo;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a core/v1 Endpoints object into one slice, as the EndpointSlice mirroring controller
 * would: {@code addresses} are ready, {@code notReadyAddresses} are not, and each address takes
 * the ports of its subset. Used for manifest files only; from the API, the controller has done
 * this already and the mirrored slices are watched.
 */
final class EndpointsMirroring {
  private EndpointsMirroring() {}

  static String id(String namespace, String name) {
    return "Endpoints/" + Names.lower(namespace) + "/" + Names.lower(name);
  }

  static SliceInfo toSlice(Endpoints endpoints) {
    List<EndpointInfo> ready = new ArrayList<>();
    List<EndpointInfo> all = new ArrayList<>();
    if (endpoints.getSubsets() != null) {
      for (EndpointSubset subset : endpoints.getSubsets()) {
        List<PortInfo> ports = ports(subset.getPorts());
        for (EndpointInfo info : addresses(subset.getAddresses(), ports)) {
          ready.add(info);
          all.add(info);
        }
        all.addAll(addresses(subset.getNotReadyAddresses(), ports));
      }
    }
    String namespace = endpoints.getMetadata().getNamespace();
    String name = endpoints.getMetadata().getName();
    return new SliceInfo(id(namespace, name), Names.lower(namespace), Names.lower(name), ready, all);
  }

  private static List<EndpointInfo> addresses(List<EndpointAddress> addresses, List<PortInfo> ports) {
    List<EndpointInfo> result = new ArrayList<>();
    if (addresses == null) {
      return result;
    }
    for (EndpointAddress address : addresses) {
      InetAddress ip = IpLiteral.parse(address.getIp()).orElse(null);
      if (ip != null) {
        result.add(
            new EndpointInfo(
                ip,
                Names.lowerOrNull(address.getHostname()),
                SliceConversion.podName(address.getTargetRef()),
                null,
                ports));
      }
    }
    return result;
  }

  private static List<PortInfo> ports(List<EndpointPort> ports) {
    return SliceConversion.ports(ports, EndpointPort::getName, EndpointPort::getProtocol, EndpointPort::getPort);
  }
}
