package io.clusterdns.plugin.kubernetes;

import io.clusterdns.plugin.cluster.EndpointNames;
import io.clusterdns.config.IpLiteral;
import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.EndpointInfo;
import io.clusterdns.plugin.cluster.PodInfo;
import io.clusterdns.plugin.cluster.PortInfo;
import io.clusterdns.plugin.cluster.ServiceEntry;
import io.clusterdns.plugin.cluster.ServiceInfo;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Finds what a forward name of a kubernetes zone stands for in one cluster snapshot. */
final class ClusterResolver {
  private final KubernetesOptions options;
  private final Nameservers nameservers;

  ClusterResolver(KubernetesOptions options, Nameservers nameservers) {
    this.options = options;
    this.nameservers = nameservers;
  }

  Node resolve(QueryName name, ClusterSnapshot snapshot) {
    switch (name.shape()) {
      case APEX:
        return Node.APEX;
      case EMPTY_NODE:
        return Node.EMPTY;
      case VERSION:
        return Node.VERSION;
      case NAMESERVER:
        List<Item> glue = nameservers.find(snapshot).glue();
        return glue.isEmpty() ? Node.EMPTY : Node.addresses(glue);
      case NAMESPACE:
        return exposed(name.namespace(), snapshot) ? Node.EMPTY : Node.MISSING;
      case POD_NAMESPACE:
        return options.pods() != PodsMode.DISABLED && exposed(name.namespace(), snapshot)
            ? Node.EMPTY
            : Node.MISSING;
      case SERVICE:
      case ENDPOINT:
      case PORT:
        return service(name, snapshot);
      case POD:
        return pod(name, snapshot);
      default:
        return Node.MISSING;
    }
  }

  private boolean exposed(String namespace, ClusterSnapshot snapshot) {
    return options.namespaceAllowed(namespace) && snapshot.hasNamespace(namespace);
  }

  private Node service(QueryName name, ClusterSnapshot snapshot) {
    if (!options.namespaceAllowed(name.namespace())) {
      return Node.MISSING;
    }
    ServiceEntry entry = snapshot.service(name.namespace(), name.service());
    if (entry == null) {
      return Node.MISSING;
    }
    ServiceInfo service = entry.service();
    String base = service.name() + "." + service.namespace() + ".svc";
    switch (service.kind()) {
      case EXTERNAL_NAME:
        return name.shape() == QueryName.Shape.SERVICE ? alias(service) : Node.MISSING;
      case CLUSTER_IP:
        if (options.ignoreEmptyService() && entry.endpoints().isEmpty()) {
          return Node.MISSING;
        }
        if (name.shape() != QueryName.Shape.ENDPOINT) {
          return Node.addresses(clusterIpItems(service, name, base));
        }
        break;
      case HEADLESS:
      default:
        break;
    }
    if (options.noEndpoints()) {
      return Node.MISSING;
    }
    return Node.addresses(endpointItems(entry, name, base));
  }

  private static List<Item> clusterIpItems(ServiceInfo service, QueryName name, String base) {
    List<Item> items = new ArrayList<>();
    List<PortInfo> ports = matchingPorts(service.ports(), name);
    for (InetAddress ip : service.clusterIps()) {
      if (service.ports().isEmpty() && name.port() == null) {
        items.add(new Item(ip, Item.NO_PORT, base));
      }
      for (PortInfo port : ports) {
        items.add(new Item(ip, port.port(), base));
      }
    }
    return items;
  }

  private List<Item> endpointItems(ServiceEntry entry, QueryName name, String base) {
    List<Item> items = new ArrayList<>();
    boolean oneEndpoint = name.shape() == QueryName.Shape.ENDPOINT;
    for (EndpointInfo endpoint : entry.endpoints()) {
      String host = EndpointNames.of(endpoint, options.endpointPodNames());
      if (oneEndpoint && !host.equals(name.endpoint())) {
        continue;
      }
      String target = host + "." + base;
      if (endpoint.ports().isEmpty() && name.port() == null) {
        items.add(new Item(endpoint.address(), Item.NO_PORT, target));
      }
      for (PortInfo port : matchingPorts(endpoint.ports(), name)) {
        items.add(new Item(endpoint.address(), port.port(), target));
      }
    }
    return items;
  }

  private static List<PortInfo> matchingPorts(List<PortInfo> ports, QueryName name) {
    if (name.port() == null) {
      return ports;
    }
    List<PortInfo> matching = new ArrayList<>(1);
    for (PortInfo port : ports) {
      if (port.name().equals(name.port()) && port.protocol().equals(name.protocol())) {
        matching.add(port);
      }
    }
    return matching;
  }

  private static Node alias(ServiceInfo service) {
    String target = service.externalName();
    if (target == null || target.isEmpty() || isAddress(target)) {
      return Node.MISSING;
    }
    try {
      return Node.alias(Name.fromString(target.endsWith(".") ? target : target + "."));
    } catch (TextParseException e) {
      return Node.MISSING;
    }
  }

  private static boolean isAddress(String text) {
    if (text.indexOf(':') >= 0) {
      return true;
    }
    return Address.isDottedQuad(text);
  }

  private Node pod(QueryName name, ClusterSnapshot snapshot) {
    if (options.pods() == PodsMode.DISABLED || !exposed(name.namespace(), snapshot)) {
      return Node.MISSING;
    }
    InetAddress ip = podAddress(name.pod());
    if (ip == null) {
      return Node.MISSING;
    }
    if (options.pods() == PodsMode.VERIFIED && !hasPod(snapshot, name.namespace(), ip)) {
      return Node.MISSING;
    }
    return Node.addresses(List.of(new Item(ip, Item.NO_PORT, name.pod() + "." + name.namespace() + ".pod")));
  }

  private static boolean hasPod(ClusterSnapshot snapshot, String namespace, InetAddress ip) {
    for (PodInfo pod : snapshot.podsWithIp(ip)) {
      if (pod.namespace().equals(namespace)) {
        return true;
      }
    }
    return false;
  }

  /** {@code 1-2-3-4} → 1.2.3.4; other dashed forms are read as IPv6 ({@code fd00--1}). */
  static InetAddress podAddress(String label) {
    int dashes = 0;
    for (int i = 0; i < label.length(); i++) {
      if (label.charAt(i) == '-') {
        dashes++;
      }
    }
    boolean v4 = dashes == 3 && !label.contains("--");
    return IpLiteral.parse(label.replace('-', v4 ? '.' : ':'))
        .filter(address -> (address instanceof Inet4Address) == v4)
        .orElse(null);
  }
}
