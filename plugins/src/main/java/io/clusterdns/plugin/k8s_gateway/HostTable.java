package io.clusterdns.plugin.k8s_gateway;

import io.clusterdns.config.IpLiteral;
import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.GatewayInfo;
import io.clusterdns.plugin.cluster.GatewaySnapshot;
import io.clusterdns.plugin.cluster.IngressInfo;
import io.clusterdns.plugin.cluster.RouteInfo;
import io.clusterdns.plugin.cluster.ServiceEntry;
import io.clusterdns.plugin.cluster.ServiceInfo;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Every host name of one pair of snapshots (the cluster's Services, and its Ingresses and
 * Gateway API objects) that lies in a zone of the plugin, with the addresses it answers. Built
 * once per pair, then read by queries without locks. Immutable.
 */
final class HostTable {
  /** What one host name answers, and which objects claim it. */
  record Claim(List<String> owners, List<InetAddress> ips, List<Name> hostnames) {}

  private final ClusterSnapshot cluster;
  private final GatewaySnapshot gateways;
  private final Map<Name, Claim> exact;
  /** Wildcard claims keyed by the name under the {@code *} label. */
  private final Map<Name, Claim> wildcards;
  /** Names that exist only because host names lie below them (RFC 8020: not NXDOMAIN). */
  private final Set<Name> nonTerminals;

  private HostTable(
      ClusterSnapshot cluster,
      GatewaySnapshot gateways,
      Map<Name, Claim> exact,
      Map<Name, Claim> wildcards,
      Set<Name> nonTerminals) {
    this.cluster = cluster;
    this.gateways = gateways;
    this.exact = exact;
    this.wildcards = wildcards;
    this.nonTerminals = nonTerminals;
  }

  ClusterSnapshot cluster() {
    return cluster;
  }

  GatewaySnapshot gateways() {
    return gateways;
  }

  /** The exact claim on {@code name}, else the wildcard claim covering it, else null. */
  Claim find(Name name) {
    Claim claim = exact.get(name);
    if (claim != null || nonTerminals.contains(name) || name.labels() < 2) {
      return claim;
    }
    return wildcards.get(new Name(name, 1));
  }

  /** Whether {@code name} has no claim of its own but host names lie below it. */
  boolean isNonTerminal(Name name) {
    return nonTerminals.contains(name);
  }

  /** Host names claimed by more than one object, each with its owners, for a warning. */
  List<String> conflicts() {
    List<String> conflicts = new ArrayList<>();
    exact.forEach((name, claim) -> conflict(conflicts, name.toString(), claim));
    wildcards.forEach((name, claim) -> conflict(conflicts, "*." + name, claim));
    conflicts.sort(Comparator.naturalOrder());
    return conflicts;
  }

  private static void conflict(List<String> into, String host, Claim claim) {
    if (claim.owners().size() > 1) {
      into.add(host + " is claimed by " + String.join(", ", claim.owners()));
    }
  }

  /**
   * Builds the table: Gateway API routes and listeners first, then Ingresses, then LoadBalancer
   * Services, each kind in namespace and name order, so several claims on one name give their
   * addresses in the same order every time.
   */
  static HostTable build(
      ClusterSnapshot cluster,
      GatewaySnapshot gateways,
      GatewayOptions options,
      Predicate<String> namespaces) {
    Builder b = new Builder(options.zones());
    addGatewayApi(b, gateways, options);
    if (options.resources().contains(Resource.INGRESS)) {
      for (IngressInfo ingress : gateways.ingresses()) {
        if (!options.ingressClasses().isEmpty()
            && !options.ingressClasses().contains(ingress.ingressClass())) {
          continue;
        }
        List<String> addresses = ingress.addresses();
        if (addresses.isEmpty()) {
          addresses = options.defaultAddresses().stream().map(InetAddress::getHostAddress).toList();
        }
        String owner = "Ingress " + ingress.key();
        for (String host : ingress.hosts()) {
          b.claim(host, owner, addresses);
        }
      }
    }
    if (options.resources().contains(Resource.SERVICE)) {
      List<ServiceInfo> services = new ArrayList<>();
      for (ServiceEntry entry : cluster.services()) {
        ServiceInfo service = entry.service();
        if (service.loadBalancer()
            && !service.externalIps().isEmpty()
            && namespaces.test(service.namespace())) {
          services.add(service);
        }
      }
      services.sort(Comparator.comparing(ServiceInfo::key));
      for (ServiceInfo service : services) {
        for (Name zone : options.zones()) {
          b.claim(
              service.name() + "." + service.namespace() + "." + zone,
              "Service " + service.key(),
              service.externalIps());
        }
      }
    }
    return new HostTable(
        cluster, gateways, b.frozen(b.exact), b.frozen(b.wildcards), b.nonTerminals());
  }

  private static void addGatewayApi(Builder b, GatewaySnapshot snapshot, GatewayOptions options) {
    Map<String, GatewayInfo> gateways = new HashMap<>();
    for (GatewayInfo gateway : snapshot.gateways()) {
      if (options.gatewayClasses().isEmpty()
          || options.gatewayClasses().contains(gateway.gatewayClass())) {
        gateways.put(gateway.key(), gateway);
      }
    }
    for (RouteInfo route : snapshot.routes()) {
      Resource kind = Resource.ofRouteKind(route.kind());
      if (kind == null || !options.resources().contains(kind)) {
        continue;
      }
      for (String key : route.gateways()) {
        GatewayInfo gateway = gateways.get(key);
        if (gateway == null) {
          continue;
        }
        String owner = route.kind() + " " + route.namespace() + "/" + route.name();
        for (String host : route.hostnames()) {
          b.claim(host, owner, gateway.addresses());
        }
      }
    }
    if (options.resources().contains(Resource.GATEWAY)) {
      for (GatewayInfo gateway : snapshot.gateways()) {
        if (gateways.containsKey(gateway.key())) {
          for (String host : gateway.listenerHostnames()) {
            b.claim(host, "Gateway " + gateway.key(), gateway.addresses());
          }
        }
      }
    }
  }

  /** Collects claims; names outside every zone and addresses that are neither IP nor name are skipped. */
  private static final class Builder {
    private static final String WILDCARD = "*.";

    private final List<Name> zones;
    final Map<Name, Mutable> exact = new LinkedHashMap<>();
    final Map<Name, Mutable> wildcards = new LinkedHashMap<>();
    final Set<Name> nonTerminals = new HashSet<>();

    Builder(List<Name> zones) {
      this.zones = zones;
    }

    void claim(String host, String owner, List<String> addresses) {
      boolean wildcard = host.startsWith(WILDCARD);
      Name name = name(wildcard ? host.substring(WILDCARD.length()) : host);
      Name zone = name == null ? null : zoneOf(name);
      if (zone == null) {
        return;
      }
      Map<Name, Mutable> into = wildcard ? wildcards : exact;
      Mutable claim = into.computeIfAbsent(name, n -> new Mutable());
      if (!claim.owners.contains(owner)) {
        claim.owners.add(owner);
      }
      for (String address : addresses) {
        InetAddress ip = IpLiteral.parse(address).orElse(null);
        if (ip != null) {
          claim.ips.add(ip);
        } else if (name(address) != null) {
          claim.hostnames.add(name(address));
        }
      }
      // Every name between the host and its zone exists, and so does a wildcard's own parent.
      Name above = wildcard ? name : parent(name);
      while (above != null && above.subdomain(zone) && !above.equals(zone)) {
        nonTerminals.add(above);
        above = parent(above);
      }
    }

    private Name zoneOf(Name name) {
      for (Name zone : zones) {
        if (name.subdomain(zone)) {
          return zone;
        }
      }
      return null;
    }

    private static Name parent(Name name) {
      return name.labels() < 2 ? null : new Name(name, 1);
    }

    private static Name name(String text) {
      try {
        return Name.fromString(text.endsWith(".") ? text : text + ".");
      } catch (TextParseException e) {
        return null;
      }
    }

    Map<Name, Claim> frozen(Map<Name, Mutable> claims) {
      Map<Name, Claim> frozen = new HashMap<>();
      claims.forEach(
          (name, c) ->
              frozen.put(
                  name,
                  new Claim(List.copyOf(c.owners), List.copyOf(c.ips), List.copyOf(c.hostnames))));
      return Map.copyOf(frozen);
    }

    /** The names that exist only as ancestors: those with an exact claim of their own do not. */
    Set<Name> nonTerminals() {
      Set<Name> empty = new HashSet<>(nonTerminals);
      empty.removeAll(exact.keySet());
      return Set.copyOf(empty);
    }
  }

  private static final class Mutable {
    final List<String> owners = new ArrayList<>();
    final Set<InetAddress> ips = new LinkedHashSet<>();
    final Set<Name> hostnames = new LinkedHashSet<>();
  }
}
