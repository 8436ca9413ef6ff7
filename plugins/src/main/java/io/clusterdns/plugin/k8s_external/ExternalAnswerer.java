package io.clusterdns.plugin.k8s_external;

import io.clusterdns.plugin.ReverseNames;
import io.clusterdns.plugin.ClusterViews;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.ServerLookup;
import io.clusterdns.plugin.cluster.ClusterReplies;
import io.clusterdns.plugin.cluster.EndpointNames;
import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.EndpointInfo;
import io.clusterdns.plugin.cluster.PortInfo;
import io.clusterdns.plugin.cluster.ServiceEntry;
import io.clusterdns.plugin.cluster.ServiceInfo;
import io.clusterdns.plugin.cluster.ServiceKind;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers one question in one k8s_external zone from one snapshot (reference b.5): the apex SOA
 * and NS, {@code ns1.<apex>}, {@code <svc>.<ns>}, {@code _<port>._<proto>.<svc>.<ns>}, with
 * {@code headless} {@code <endpoint>.<svc>.<ns>}, and PTR of external IPs in reverse zones.
 */
final class ExternalAnswerer {
  private static final int FULL_WEIGHT = 100;
  private static final int NAMESPACE_LABELS = 1;
  private static final int SERVICE_LABELS = 2;
  private static final int ENDPOINT_LABELS = 3;
  private static final int PORT_LABELS = 4;

  private final ExternalOptions options;
  private final Name[] zones;
  private final ApexAnswers apex;

  ExternalAnswerer(ExternalOptions options) {
    this.options = options;
    this.zones = options.zones().toArray(new Name[0]);
    this.apex = new ApexAnswers(options);
  }

  /**
   * The reply for {@code request} in {@code zone}; NXDOMAIN replies have an empty answer, so
   * the handler can apply {@code fallthrough} to them.
   */
  Message answer(
      Request request, Name zone, ExternalIndex index, ClusterViews cluster, ServerLookup lookup) {
    Name qname = request.qname();
    int relative = qname.labels() - zone.labels();
    ExternalRecords records =
        new ExternalRecords(new Name(qname, relative), options.apex(), options.ttl());
    Message reply = Replies.authoritative(request);
    ClusterSnapshot snapshot = index.snapshot();
    if (relative == 0) {
      return apex.apex(reply, request, records, index, cluster);
    }
    if (ReverseNames.isReverse(zone)) {
      return apex.reverse(reply, request, records, index, cluster);
    }
    if (qname.subdomain(records.apex())) {
      return apex.subApex(reply, request, records, index, cluster);
    }
    String namespace = label(qname, relative - 1);
    if (relative > PORT_LABELS
        || !cluster.namespaceAllowed(namespace)
        || !snapshot.hasNamespace(namespace)) {
      return ExternalReplies.negative(reply, Rcode.NXDOMAIN, records, snapshot);
    }
    if (relative == NAMESPACE_LABELS) {
      return ExternalReplies.negative(reply, Rcode.NOERROR, records, snapshot);
    }
    ServiceEntry entry = snapshot.service(namespace, label(qname, relative - SERVICE_LABELS));
    if (entry == null) {
      return ExternalReplies.negative(reply, Rcode.NXDOMAIN, records, snapshot);
    }
    String endpoint = relative == ENDPOINT_LABELS ? label(qname, 0) : null;
    String port = relative == PORT_LABELS ? stripUnderscore(label(qname, 0)) : null;
    String protocol = relative == PORT_LABELS ? stripUnderscore(label(qname, 1)) : null;
    ExternalIndex.Addresses external = index.addresses(namespace, entry.service().name());
    if (external != null && endpoint == null) {
      return service(
          reply, request, records, entry.service(), external, port, protocol, lookup, snapshot);
    }
    if (external == null
        && options.headless()
        && entry.service().kind() == ServiceKind.HEADLESS
        && !entry.endpoints().isEmpty()) {
      return headless(
          reply, request, records, entry, cluster, endpoint, port, protocol, snapshot);
    }
    return ExternalReplies.negative(reply, Rcode.NXDOMAIN, records, snapshot);
  }


  private Message service(
      Message reply,
      Request request,
      ExternalRecords records,
      ServiceInfo service,
      ExternalIndex.Addresses external,
      String port,
      String protocol,
      ServerLookup lookup,
      ClusterSnapshot snapshot) {
    List<PortInfo> ports = matching(service.ports(), port, protocol);
    if (port != null && ports.isEmpty()) {
      return ExternalReplies.negative(reply, Rcode.NXDOMAIN, records, snapshot);
    }
    Name qname = request.qname();
    int qtype = request.qtype();
    if (qtype == Type.A || qtype == Type.AAAA) {
      if (!external.ips().isEmpty()) {
        for (InetAddress ip : external.ips()) {
          if (ExternalRecords.family(ip, qtype)) {
            reply.addRecord(records.address(qname, ip), Section.ANSWER);
          }
        }
        return ExternalReplies.positiveOrNoData(reply, records, snapshot);
      }
      // Only host names: one CNAME (a name has at most one), then what the target resolves to.
      return ClusterReplies.cnameAndTarget(
          reply, request, external.hostnames().get(0), records.ttl(), lookup, zones);
    }
    if (qtype == Type.SRV) {
      int count = (external.ips().size() + external.hostnames().size()) * ports.size();
      int weight = weight(count);
      Name owner = records.name(Name.fromConstantString(service.name() + "." + service.namespace()));
      Set<Record> additional = new LinkedHashSet<>();
      for (PortInfo p : ports) {
        for (InetAddress ip : external.ips()) {
          reply.addRecord(srv(qname, records, weight, p, owner), Section.ANSWER);
          additional.add(records.address(owner, ip));
        }
        for (Name hostname : external.hostnames()) {
          reply.addRecord(srv(qname, records, weight, p, hostname), Section.ANSWER);
          for (int type : new int[] {Type.A, Type.AAAA}) {
            Message resolved = ClusterReplies.resolve(request, hostname, type, lookup, zones);
            if (resolved != null) {
              additional.addAll(resolved.getSection(Section.ANSWER));
            }
          }
        }
      }
      additional.forEach(r -> reply.addRecord(r, Section.ADDITIONAL));
      return ExternalReplies.positiveOrNoData(reply, records, snapshot);
    }
    return ExternalReplies.negative(reply, Rcode.NOERROR, records, snapshot);
  }

  private Message headless(
      Message reply,
      Request request,
      ExternalRecords records,
      ServiceEntry entry,
      ClusterViews cluster,
      String endpoint,
      String port,
      String protocol,
      ClusterSnapshot snapshot) {
    boolean podNames = cluster.endpointPodNames();
    List<EndpointInfo> endpoints = new ArrayList<>();
    for (EndpointInfo e : entry.endpoints()) {
      if (endpoint == null || endpoint.equals(EndpointNames.of(e, podNames))) {
        endpoints.add(e);
      }
    }
    int items = 0;
    for (EndpointInfo e : endpoints) {
      items += matching(e.ports(), port, protocol).size();
    }
    if (endpoints.isEmpty() || (port != null && items == 0)) {
      return ExternalReplies.negative(reply, Rcode.NXDOMAIN, records, snapshot);
    }
    Name qname = request.qname();
    int qtype = request.qtype();
    if (qtype == Type.A || qtype == Type.AAAA) {
      for (EndpointInfo e : endpoints) {
        if (ExternalRecords.family(e.address(), qtype)
            && (port == null || !matching(e.ports(), port, protocol).isEmpty())) {
          reply.addRecord(records.address(qname, e.address()), Section.ANSWER);
        }
      }
    } else if (qtype == Type.SRV) {
      ServiceInfo service = entry.service();
      int weight = weight(items);
      for (EndpointInfo e : endpoints) {
        Name target =
            records.name(
                Name.fromConstantString(
                    EndpointNames.of(e, podNames) + "." + service.name() + "." + service.namespace()));
        List<PortInfo> ports = matching(e.ports(), port, protocol);
        for (PortInfo p : ports) {
          reply.addRecord(srv(qname, records, weight, p, target), Section.ANSWER);
        }
        if (!ports.isEmpty()) {
          reply.addRecord(records.address(target, e.address()), Section.ADDITIONAL);
        }
      }
    }
    return ExternalReplies.positiveOrNoData(reply, records, snapshot);
  }

  private static Record srv(Name owner, ExternalRecords records, int weight, PortInfo port, Name target) {
    return new SRVRecord(owner, DClass.IN, records.ttl(), 0, weight, port.port(), target);
  }

  /** 100 divided among the SRV records, at least 1, as the kubernetes plugin weighs them. */
  private static int weight(int count) {
    return Math.max(1, FULL_WEIGHT / Math.max(1, count));
  }

  /** The ports that match {@code _port._proto} (every port when the name has none). */
  private static List<PortInfo> matching(List<PortInfo> ports, String port, String protocol) {
    if (port == null) {
      return ports;
    }
    List<PortInfo> matched = new ArrayList<>(1);
    for (PortInfo p : ports) {
      if (p.name().equals(port) && p.protocol().equals(protocol)) {
        matched.add(p);
      }
    }
    return matched;
  }

  private static String label(Name name, int index) {
    return name.getLabelString(index).toLowerCase(Locale.ROOT);
  }

  private static String stripUnderscore(String label) {
    return label.startsWith("_") ? label.substring(1) : label;
  }
}
