package io.clusterdns.plugin.k8s_gateway;

import io.clusterdns.plugin.Fallthrough;
import io.clusterdns.plugin.cluster.source.SourceOptions;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Name;

/**
 * The k8s_gateway plugin's settings after parsing (see the plugin README for each option).
 *
 * @param zones the zones answered, lower case, absolute
 * @param resources the kinds whose host names are answered
 * @param ttl TTL of every record, the SOA's included
 * @param ingressClasses the only Ingress classes answered; empty = all
 * @param gatewayClasses the only Gateway classes answered; empty = all
 * @param defaultAddresses the addresses of an Ingress whose status has none; empty = none
 * @param fallthrough which NXDOMAIN names go to the next plugin
 * @param source where the objects come from when the block has no kubernetes plugin; null when
 *     it has one (its source is used)
 */
public record GatewayOptions(
    List<Name> zones,
    Set<Resource> resources,
    int ttl,
    Set<String> ingressClasses,
    Set<String> gatewayClasses,
    List<InetAddress> defaultAddresses,
    Fallthrough fallthrough,
    SourceOptions source) {
  public static final int DEFAULT_TTL = 60;

  public GatewayOptions {
    zones = List.copyOf(zones);
    resources = Set.copyOf(resources);
    ingressClasses = Set.copyOf(ingressClasses);
    gatewayClasses = Set.copyOf(gatewayClasses);
    defaultAddresses = List.copyOf(defaultAddresses);
  }
}
