package io.clusterdns.plugin.cluster;

import java.net.InetAddress;
import java.util.List;

/**
 * What DNS needs of one Service, converted from the API object when it is watched or loaded.
 *
 * @param namespace lower case
 * @param name lower case
 * @param clusterIps every entry of {@code spec.clusterIPs} (or {@code spec.clusterIP}), empty
 *     when headless or ExternalName
 * @param externalName the ExternalName target as written (no trailing dot), else empty
 * @param ports the Service's ports in spec order
 * @param externalIps {@code spec.externalIPs} then load-balancer ingress IPs or host names
 * @param publishNotReadyAddresses {@code spec.publishNotReadyAddresses}
 * @param loadBalancer whether {@code spec.type} is {@code LoadBalancer} (k8s_gateway answers
 *     only those)
 */
public record ServiceInfo(
    String namespace,
    String name,
    ServiceKind kind,
    List<InetAddress> clusterIps,
    String externalName,
    List<PortInfo> ports,
    List<String> externalIps,
    boolean publishNotReadyAddresses,
    boolean loadBalancer) {
  public ServiceInfo {
    clusterIps = List.copyOf(clusterIps);
    ports = List.copyOf(ports);
    externalIps = List.copyOf(externalIps);
  }

  /** A Service that is not of type LoadBalancer. */
  public ServiceInfo(
      String namespace,
      String name,
      ServiceKind kind,
      List<InetAddress> clusterIps,
      String externalName,
      List<PortInfo> ports,
      List<String> externalIps,
      boolean publishNotReadyAddresses) {
    this(namespace, name, kind, clusterIps, externalName, ports, externalIps, publishNotReadyAddresses, false);
  }

  public String key() {
    return ClusterSnapshot.key(namespace, name);
  }
}
