package io.clusterdns.plugin.cluster;

import java.util.List;

/**
 * What DNS needs of one Gateway (gateway.networking.k8s.io/v1).
 *
 * @param namespace lower case
 * @param name lower case
 * @param gatewayClass {@code spec.gatewayClassName}
 * @param listenerHostnames each {@code spec.listeners[].hostname} that is set, lower case
 * @param addresses each {@code status.addresses[].value} (IP addresses and host names)
 */
public record GatewayInfo(
    String namespace,
    String name,
    String gatewayClass,
    List<String> listenerHostnames,
    List<String> addresses) {
  public GatewayInfo {
    listenerHostnames = List.copyOf(listenerHostnames);
    addresses = List.copyOf(addresses);
  }

  public String key() {
    return ClusterSnapshot.key(namespace, name);
  }
}
