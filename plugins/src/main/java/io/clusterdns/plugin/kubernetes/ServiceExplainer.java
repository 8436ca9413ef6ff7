package io.clusterdns.plugin.kubernetes;

import io.clusterdns.plugin.cluster.EndpointNames;
import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.EndpointInfo;
import io.clusterdns.plugin.cluster.PortInfo;
import io.clusterdns.plugin.cluster.ServiceEntry;
import io.clusterdns.plugin.cluster.ServiceInfo;
import io.clusterdns.plugin.cluster.ServiceKind;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The explain sentences for Service names ({@code <svc>.<ns>.svc}, an endpoint or a port below
 * it), following the decisions of {@link ClusterResolver#resolve}.
 */
final class ServiceExplainer {
  private final KubernetesOptions options;

  ServiceExplainer(KubernetesOptions options) {
    this.options = options;
  }

  static String filtered(String namespace, KubernetesOptions options) {
    return "the namespace " + namespace + " is not served: the namespaces option lists only "
        + String.join(", ", new TreeSet<>(options.namespaces())) + ": NXDOMAIN";
  }

  List<String> explain(QueryName name, Name zone, int qtype, ClusterSnapshot snapshot) {
    List<String> out = new ArrayList<>();
    String namespace = name.namespace();
    if (!options.namespaceAllowed(namespace)) {
      out.add(filtered(namespace, options));
      return out;
    }
    ServiceEntry entry = snapshot.service(namespace, name.service());
    if (entry == null) {
      out.add(missing(name, snapshot));
      return out;
    }
    ServiceInfo service = entry.service();
    String label = "Service " + namespace + "/" + name.service();
    switch (service.kind()) {
      case EXTERNAL_NAME -> out.add(externalName(label, service, name, zone, qtype));
      case CLUSTER_IP -> {
        if (options.ignoreEmptyService() && entry.endpoints().isEmpty()) {
          out.add(label + " has no ready endpoints, and ignore empty_service makes such a Service not exist:"
              + " NXDOMAIN");
        } else if (name.shape() == QueryName.Shape.ENDPOINT) {
          endpoints(label, entry, name, out);
        } else {
          out.add(label + ": ClusterIP " + addresses(service.clusterIps()) + readiness(entry));
          port(label, service.ports(), name, out);
        }
      }
      default -> endpoints(label, entry, name, out);
    }
    return out;
  }

  /** No Service of that name in the namespace, and where one of that name is, if anywhere. */
  private String missing(QueryName name, ClusterSnapshot snapshot) {
    StringBuilder text = new StringBuilder("no Service " + name.service() + " in namespace " + name.namespace());
    if (name.shape() == QueryName.Shape.ENDPOINT) {
      // <a>.<b>.<ns>.svc: a client's name with a namespace, under its own namespace's domain.
      text.append(" (read as the endpoint ").append(name.endpoint()).append(" of a Service ")
          .append(name.service()).append(')');
    }
    if (!snapshot.hasNamespace(name.namespace())) {
      text.append(" (the cluster view has no namespace ").append(name.namespace()).append(')');
    }
    TreeSet<String> elsewhere = new TreeSet<>();
    for (ServiceEntry other : snapshot.services()) {
      ServiceInfo service = other.service();
      if (service.name().equals(name.service()) && options.namespaceAllowed(service.namespace())) {
        elsewhere.add(service.namespace());
      }
    }
    if (!elsewhere.isEmpty()) {
      text.append("; a Service of that name is in namespace ").append(String.join(", ", elsewhere));
    }
    return text.append(": NXDOMAIN").toString();
  }

  private static String externalName(String label, ServiceInfo service, QueryName name, Name zone, int qtype) {
    String target = service.externalName();
    if (name.shape() != QueryName.Shape.SERVICE) {
      return label + " is an ExternalName Service, which has no endpoint or port names: NXDOMAIN";
    }
    if (target == null || target.isEmpty() || target.indexOf(':') >= 0 || Address.isDottedQuad(target)) {
      return label + " is an ExternalName Service whose externalName '" + target
          + "' is not a host name: NXDOMAIN";
    }
    String text = label + " is an ExternalName Service: CNAME to " + target;
    Name targetName;
    try {
      targetName = Name.fromString(target.endsWith(".") ? target : target + ".");
    } catch (TextParseException e) {
      return label + " is an ExternalName Service whose externalName '" + target + "' is not a DNS name: NXDOMAIN";
    }
    if (qtype != Type.A && qtype != Type.AAAA) {
      return text;
    }
    return text + (targetName.subdomain(zone)
        ? ", a cluster name, whose records this plugin adds"
        : ", a name outside the cluster, which the server resolves itself (the next plugin, or another block) and"
            + " adds to the answer");
  }

  private void endpoints(String label, ServiceEntry entry, QueryName name, List<String> out) {
    String kind = entry.service().kind() == ServiceKind.HEADLESS ? "headless " : "";
    if (options.noEndpoints()) {
      out.add("noendpoints: endpoints are not served, so the " + kind + label + " has no records: NXDOMAIN");
      return;
    }
    List<EndpointInfo> ready = entry.endpoints();
    if (ready.isEmpty()) {
      out.add("the " + kind + label + " has no ready endpoints"
          + (entry.service().publishNotReadyAddresses() ? "" : " (not-ready ones are published only with"
              + " publishNotReadyAddresses)") + ": NXDOMAIN");
      return;
    }
    if (name.shape() == QueryName.Shape.ENDPOINT) {
      List<String> names = new ArrayList<>();
      for (EndpointInfo endpoint : ready) {
        String host = EndpointNames.of(endpoint, options.endpointPodNames());
        if (host.equals(name.endpoint())) {
          out.add("the endpoint " + host + " of the " + kind + label + ": " + endpoint.address().getHostAddress());
          return;
        }
        names.add(host);
      }
      out.add("the " + kind + label + " has no ready endpoint named " + name.endpoint() + " (its ready endpoints: "
          + String.join(", ", names) + "): NXDOMAIN");
      return;
    }
    out.add("the " + kind + label + ": " + ready.size() + " ready endpoint" + (ready.size() == 1 ? "" : "s") + " "
        + addresses(ready.stream().map(EndpointInfo::address).toList())
        + (entry.service().publishNotReadyAddresses() ? " (not-ready ones included: publishNotReadyAddresses)" : ""));
    if (name.shape() == QueryName.Shape.PORT) {
      List<PortInfo> ports = new ArrayList<>();
      ready.forEach(endpoint -> endpoint.ports().stream().filter(p -> !ports.contains(p)).forEach(ports::add));
      port(label, ports, name, out);
    }
  }

  private static void port(String label, List<PortInfo> ports, QueryName name, List<String> out) {
    if (name.shape() != QueryName.Shape.PORT) {
      return;
    }
    for (PortInfo port : ports) {
      if (port.name().equals(name.port()) && port.protocol().equals(name.protocol())) {
        out.add("port " + port.name() + "/" + port.protocol() + " is " + port.port());
        return;
      }
    }
    out.add(label + " has no port named " + name.port() + " with protocol " + name.protocol() + ": NXDOMAIN");
  }

  private static String readiness(ServiceEntry entry) {
    int ready = entry.endpoints().size();
    return ready == 0
        ? "; it has no ready endpoints, so the address is answered but connections to it will fail"
        : "; " + ready + " ready endpoint" + (ready == 1 ? "" : "s");
  }

  private static String addresses(List<InetAddress> addresses) {
    return String.join(", ", addresses.stream().map(InetAddress::getHostAddress).toList());
  }
}
