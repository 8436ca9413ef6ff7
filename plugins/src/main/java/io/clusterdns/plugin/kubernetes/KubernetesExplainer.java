package io.clusterdns.plugin.kubernetes;

import io.clusterdns.plugin.ReverseNames;
import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.PodInfo;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Says why the kubernetes plugin answers a name as it does, from one snapshot: which part of the
 * schema the name is, and what of the cluster view (or of the options) decided the answer. Only
 * for explain; the answers themselves come from {@link QueryAnswerer}, whose decisions this
 * follows through the same {@link ClusterResolver}.
 */
final class KubernetesExplainer {
  private final KubernetesOptions options;
  private final Name[] zones;
  private final ClusterResolver resolver;
  private final ReverseLookup reverse;
  private final ServiceExplainer services;

  KubernetesExplainer(KubernetesOptions options, ClusterResolver resolver, ReverseLookup reverse) {
    this.options = options;
    this.zones = options.zones().toArray(new Name[0]);
    this.resolver = resolver;
    this.reverse = reverse;
    this.services = new ServiceExplainer(options);
  }

  /** Sentences about {@code qname}; empty when it is in none of the plugin's zones. */
  List<String> explain(Name qname, int qtype, ClusterSnapshot snapshot) {
    ZoneMatch zone = ZoneMatch.find(zones, qname);
    if (zone == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (!snapshot.synced()) {
      out.add("the cluster view has not synced yet: a name it does not know gets SERVFAIL, not NXDOMAIN");
    }
    if (qtype == Type.AXFR || qtype == Type.IXFR) {
      out.add("zone transfers are not offered: REFUSED");
      return out;
    }
    Node node;
    if (zone.isApex(qname)) {
      out.add("the apex of zone " + zone.zone() + ": SOA and NS records only");
      node = Node.APEX;
    } else if (ReverseNames.isReverse(qname)) {
      node = reverse(qname, out, snapshot);
    } else {
      QueryName name = QueryName.parse(qname, zone.zone().labels());
      node = resolver.resolve(name, snapshot);
      describe(name, zone, qtype, snapshot, out);
      family(node, qtype, out);
    }
    if (node.kind() == Node.Kind.MISSING && options.fallthrough().covers(qname)) {
      out.add("fallthrough: the NXDOMAIN goes on to the next plugin");
    }
    return out;
  }

  private void describe(QueryName name, ZoneMatch zone, int qtype, ClusterSnapshot snapshot, List<String> out) {
    switch (name.shape()) {
      case EMPTY_NODE -> out.add("a name of the schema with no records of its own: NOERROR without records");
      case VERSION -> out.add("the schema version, " + QueryAnswerer.SCHEMA_VERSION + ", as TXT");
      case NAMESERVER -> out.add("this server's own name: its addresses, from the Service that fronts it");
      case NAMESPACE -> namespace(name.namespace(), "", snapshot, out);
      case POD_NAMESPACE -> {
        if (options.pods() == PodsMode.DISABLED) {
          out.add("pods disabled: no Pod names are answered: NXDOMAIN");
        } else {
          namespace(name.namespace(), " of Pod names", snapshot, out);
        }
      }
      case SERVICE, ENDPOINT, PORT -> out.addAll(services.explain(name, zone.zone(), qtype, snapshot));
      case POD -> pod(name, snapshot, out);
      default -> out.add("not a name of the Kubernetes DNS schema under " + zone.zone()
          + " (a Service is <service>.<namespace>.svc." + zone.zone() + "): NXDOMAIN");
    }
  }

  private void namespace(String namespace, String what, ClusterSnapshot snapshot, List<String> out) {
    if (!options.namespaceAllowed(namespace)) {
      out.add(ServiceExplainer.filtered(namespace, options));
    } else if (!snapshot.hasNamespace(namespace)) {
      out.add("read as the namespace " + namespace + what + ", which the cluster view does not have: NXDOMAIN");
    } else {
      out.add("the namespace " + namespace + what + ": a name with no records of its own, NOERROR without records");
    }
  }

  private void pod(QueryName name, ClusterSnapshot snapshot, List<String> out) {
    String namespace = name.namespace();
    if (options.pods() == PodsMode.DISABLED) {
      out.add("pods disabled: no Pod names are answered: NXDOMAIN");
      return;
    }
    if (!options.namespaceAllowed(namespace) || !snapshot.hasNamespace(namespace)) {
      namespace(namespace, "", snapshot, out);
      return;
    }
    InetAddress ip = ClusterResolver.podAddress(name.pod());
    if (ip == null) {
      out.add(name.pod() + " is not an address written with dashes (such as 10-244-1-5): NXDOMAIN");
    } else if (options.pods() == PodsMode.INSECURE) {
      out.add("pods insecure: " + ip.getHostAddress() + " is answered as written, without looking for a Pod");
    } else if (snapshot.podsWithIp(ip).stream().anyMatch(p -> p.namespace().equals(namespace))) {
      out.add("pods verified: a running Pod in namespace " + namespace + " holds " + ip.getHostAddress());
    } else {
      out.add("pods verified: no running Pod in namespace " + namespace + " holds " + ip.getHostAddress()
          + ": NXDOMAIN");
    }
  }

  private Node reverse(Name qname, List<String> out, ClusterSnapshot snapshot) {
    InetAddress ip = ReverseNames.address(qname);
    if (ip == null) {
      out.add("not the reverse name of a whole address: NXDOMAIN");
      return Node.MISSING;
    }
    Set<String> targets = reverse.targets(ip, snapshot);
    if (targets.isEmpty()) {
      out.add("no Service or ready endpoint in a served namespace has the address " + ip.getHostAddress()
          + ": NXDOMAIN");
      return Node.MISSING;
    }
    out.add(ip.getHostAddress() + " is " + String.join(", ", targets) + " (PTR)");
    return Node.EMPTY;
  }

  /** NODATA when the name has addresses, none of the family asked for. */
  private static void family(Node node, int qtype, List<String> out) {
    if (node.kind() != Node.Kind.ADDRESSES || (qtype != Type.A && qtype != Type.AAAA)) {
      return;
    }
    Class<? extends InetAddress> wanted = qtype == Type.A ? Inet4Address.class : Inet6Address.class;
    if (node.items().stream().noneMatch(item -> wanted.isInstance(item.address()))) {
      Set<String> families = new TreeSet<>();
      node.items().forEach(item -> families.add(item.address() instanceof Inet4Address ? "IPv4" : "IPv6"));
      out.add("only " + String.join(" and ", families) + " addresses, no " + Type.string(qtype)
          + " record: NOERROR without records (NODATA)");
    }
  }

  /** The namespaces of the Pods holding {@code ip}, for explain's client by Pod address. */
  static List<String> podNamespaces(ClusterSnapshot snapshot, InetAddress ip) {
    return snapshot.podsWithIp(ip).stream().map(PodInfo::namespace).toList();
  }
}
