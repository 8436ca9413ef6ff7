package io.clusterdns.plugin.cluster;

import java.util.List;

/**
 * What DNS needs of one Ingress (networking.k8s.io/v1).
 *
 * @param namespace lower case
 * @param name lower case
 * @param ingressClass {@code spec.ingressClassName}, else the legacy {@code
 *     kubernetes.io/ingress.class} annotation, else empty
 * @param hosts each {@code spec.rules[].host} then {@code spec.tls[].hosts}, lower case, without
 *     duplicates; wildcards ({@code *.example.test}) as written
 * @param addresses each {@code status.loadBalancer.ingress[]} entry: its ip, or its hostname
 *     when it has no ip
 */
public record IngressInfo(
    String namespace, String name, String ingressClass, List<String> hosts, List<String> addresses) {
  public IngressInfo {
    hosts = List.copyOf(hosts);
    addresses = List.copyOf(addresses);
  }

  public String key() {
    return ClusterSnapshot.key(namespace, name);
  }
}
