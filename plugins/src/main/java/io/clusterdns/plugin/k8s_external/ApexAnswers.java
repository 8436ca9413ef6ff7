package io.clusterdns.plugin.k8s_external;

import io.clusterdns.plugin.ReverseNames;
import io.clusterdns.plugin.ClusterViews;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.EndpointOwner;
import io.clusterdns.plugin.cluster.ServiceInfo;
import io.clusterdns.plugin.cluster.ServiceKind;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The names of a k8s_external zone that are not Services: the apex (SOA, NS with glue), {@code
 * <apex>.<zone>} and its {@code ns1}, and PTR names in reverse zones.
 */
final class ApexAnswers {
  private final ExternalOptions options;

  ApexAnswers(ExternalOptions options) {
    this.options = options;
  }

  Message apex(
      Message reply, Request request, ExternalRecords records, ExternalIndex index, ClusterViews cluster) {
    ClusterSnapshot snapshot = index.snapshot();
    if (request.qtype() == Type.SOA) {
      reply.addRecord(records.soa(snapshot.serial()), Section.ANSWER);
      return reply;
    }
    if (request.qtype() == Type.NS && !ReverseNames.isReverse(request.qname())) {
      Name nameserver = records.nameserver();
      reply.addRecord(
          new NSRecord(request.qname(), DClass.IN, records.ttl(), nameserver), Section.ANSWER);
      for (InetAddress ip : glue(index, cluster)) {
        reply.addRecord(records.address(nameserver, ip), Section.ADDITIONAL);
      }
      return reply;
    }
    return ExternalReplies.negative(reply, Rcode.NOERROR, records, snapshot);
  }

  /** {@code <apex>.<zone>} exists empty; {@code ns1.<apex>.<zone>} has the glue addresses. */
  Message subApex(
      Message reply, Request request, ExternalRecords records, ExternalIndex index, ClusterViews cluster) {
    ClusterSnapshot snapshot = index.snapshot();
    Name qname = request.qname();
    if (qname.labels() == records.apex().labels()) {
      return ExternalReplies.negative(reply, Rcode.NOERROR, records, snapshot);
    }
    if (!qname.equals(records.nameserver())) {
      return ExternalReplies.negative(reply, Rcode.NXDOMAIN, records, snapshot);
    }
    if (request.qtype() == Type.A || request.qtype() == Type.AAAA) {
      for (InetAddress ip : glue(index, cluster)) {
        if (ExternalRecords.family(ip, request.qtype())) {
          reply.addRecord(records.address(qname, ip), Section.ANSWER);
        }
      }
    }
    return ExternalReplies.positiveOrNoData(reply, records, snapshot);
  }

  /**
   * The name server's addresses: the external IPs of the Services whose endpoints are this
   * server (with {@code headless}, this server's own endpoint address of a headless Service
   * without external IPs); else this server's own addresses.
   */
  private List<InetAddress> glue(ExternalIndex index, ClusterViews cluster) {
    Set<InetAddress> glue = new LinkedHashSet<>();
    for (InetAddress local : cluster.localAddresses()) {
      for (EndpointOwner owner : index.snapshot().endpointsWithIp(local)) {
        ServiceInfo service = owner.service();
        if (!cluster.namespaceAllowed(service.namespace())) {
          continue;
        }
        ExternalIndex.Addresses external = index.addresses(service.namespace(), service.name());
        if (external != null) {
          glue.addAll(external.ips());
        } else if (options.headless() && service.kind() == ServiceKind.HEADLESS) {
          glue.add(local);
        }
      }
    }
    if (glue.isEmpty()) {
      glue.addAll(cluster.localAddresses());
    }
    return new ArrayList<>(glue);
  }

  /** PTR of an external IP: {@code <svc>.<ns>.<first forward zone>} per Service that has it. */
  Message reverse(
      Message reply, Request request, ExternalRecords records, ExternalIndex index, ClusterViews cluster) {
    ClusterSnapshot snapshot = index.snapshot();
    InetAddress ip = ReverseNames.address(request.qname());
    List<ServiceInfo> services = new ArrayList<>();
    if (ip != null) {
      for (ServiceInfo service : index.servicesWith(ip)) {
        if (cluster.namespaceAllowed(service.namespace())) {
          services.add(service);
        }
      }
    }
    if (services.isEmpty()) {
      return ExternalReplies.negative(reply, Rcode.NXDOMAIN, records, snapshot);
    }
    if (request.qtype() != Type.PTR) {
      return ExternalReplies.negative(reply, Rcode.NOERROR, records, snapshot);
    }
    for (ServiceInfo service : services) {
      Name target =
          ExternalRecords.under(
              Name.fromConstantString(service.name() + "." + service.namespace()),
              options.primaryZone());
      reply.addRecord(
          new PTRRecord(request.qname(), DClass.IN, records.ttl(), target), Section.ANSWER);
    }
    return reply;
  }
}
