package io.clusterdns.plugin.cluster.source;

import io.clusterdns.config.IpLiteral;
import io.clusterdns.plugin.cluster.PortInfo;
import io.clusterdns.plugin.cluster.ServiceInfo;
import io.clusterdns.plugin.cluster.ServiceKind;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns an API Service into the few fields DNS answers from (rules R7, R8, R9, docs/decisions.md). */
final class ServiceConversion {
  /** The legacy form of publishNotReadyAddresses that the DNS specification still names (S5). */
  static final String TOLERATE_UNREADY = "service.alpha.kubernetes.io/tolerate-unready-endpoints";

  private ServiceConversion() {}

  static ServiceInfo toInfo(Service service) {
    ServiceSpec spec = service.getSpec() != null ? service.getSpec() : new ServiceSpec();
    String namespace = Names.lower(service.getMetadata().getNamespace());
    String name = Names.lower(service.getMetadata().getName());
    List<PortInfo> ports = ports(spec.getPorts());
    List<String> externalIps = externalIps(service);
    boolean publishNotReady =
        Boolean.TRUE.equals(spec.getPublishNotReadyAddresses()) || toleratesUnready(service);
    boolean loadBalancer = "LoadBalancer".equals(spec.getType());
    if ("ExternalName".equals(spec.getType())) {
      return new ServiceInfo(
          namespace,
          name,
          ServiceKind.EXTERNAL_NAME,
          List.of(),
          withoutTrailingDot(spec.getExternalName()),
          ports,
          externalIps,
          publishNotReady,
          loadBalancer);
    }
    List<String> written = clusterIps(spec);
    if (!written.isEmpty() && "None".equals(written.get(0))) {
      return new ServiceInfo(
          namespace, name, ServiceKind.HEADLESS, List.of(), "", ports, externalIps, publishNotReady,
          loadBalancer);
    }
    List<InetAddress> clusterIps = new ArrayList<>();
    for (String ip : written) {
      InetAddress address = IpLiteral.parse(ip).orElse(null);
      if (address != null && !clusterIps.contains(address)) {
        clusterIps.add(address);
      }
    }
    return new ServiceInfo(
        namespace,
        name,
        ServiceKind.CLUSTER_IP,
        clusterIps,
        "",
        ports,
        externalIps,
        publishNotReady,
        loadBalancer);
  }

  private static List<String> clusterIps(ServiceSpec spec) {
    if (spec.getClusterIPs() != null && !spec.getClusterIPs().isEmpty()) {
      return spec.getClusterIPs();
    }
    return spec.getClusterIP() != null ? List.of(spec.getClusterIP()) : List.of();
  }

  private static List<PortInfo> ports(List<ServicePort> ports) {
    if (ports == null) {
      return List.of();
    }
    List<PortInfo> converted = new ArrayList<>(ports.size());
    for (ServicePort port : ports) {
      if (port.getPort() != null) {
        converted.add(new PortInfo(Names.lower(port.getName()), protocol(port.getProtocol()), port.getPort()));
      }
    }
    return converted;
  }

  static String protocol(String protocol) {
    return protocol == null ? "tcp" : protocol.toLowerCase(Locale.ROOT);
  }

  private static List<String> externalIps(Service service) {
    List<String> result = new ArrayList<>();
    if (service.getSpec() != null && service.getSpec().getExternalIPs() != null) {
      result.addAll(service.getSpec().getExternalIPs());
    }
    if (service.getStatus() != null
        && service.getStatus().getLoadBalancer() != null
        && service.getStatus().getLoadBalancer().getIngress() != null) {
      for (LoadBalancerIngress ingress : service.getStatus().getLoadBalancer().getIngress()) {
        if (ingress.getIp() != null && !ingress.getIp().isEmpty()) {
          result.add(ingress.getIp());
        } else if (ingress.getHostname() != null && !ingress.getHostname().isEmpty()) {
          result.add(ingress.getHostname());
        }
      }
    }
    return result;
  }

  private static boolean toleratesUnready(Service service) {
    Map<String, String> annotations = service.getMetadata().getAnnotations();
    return annotations != null && "true".equalsIgnoreCase(annotations.get(TOLERATE_UNREADY));
  }

  private static String withoutTrailingDot(String name) {
    if (name == null) {
      return "";
    }
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }
}
