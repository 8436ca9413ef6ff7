package io.clusterdns.plugin.kubernetes;

import io.clusterdns.plugin.ReverseNames;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.cluster.ClusterSnapshot;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** Answers one question in one kubernetes zone from one snapshot, per qtype and name shape. */
final class QueryAnswerer {
  static final String SCHEMA_VERSION = "1.1.0";
  static final long SCHEMA_VERSION_TTL = 28800;

  private final KubernetesOptions options;
  private final ClusterResolver resolver;
  private final ReverseLookup reverse;
  private final Nameservers nameservers;
  private final ExternalNameChaser chaser;

  QueryAnswerer(
      KubernetesOptions options,
      ClusterResolver resolver,
      ReverseLookup reverse,
      Nameservers nameservers,
      ExternalNameChaser chaser) {
    this.options = options;
    this.resolver = resolver;
    this.reverse = reverse;
    this.nameservers = nameservers;
    this.chaser = chaser;
  }

  Answer answer(Request request, Name name, int qtype, ZoneMatch zone, ClusterSnapshot snapshot) {
    return answer(request, name, qtype, zone, snapshot, 0);
  }

  private Answer answer(
      Request request, Name name, int qtype, ZoneMatch zone, ClusterSnapshot snapshot, int depth) {
    RecordMaker maker = new RecordMaker(zone.spelled(), options.ttl());
    if (!zone.isApex(name) && ReverseNames.isReverse(name)) {
      return reverse(name, qtype, maker, snapshot);
    }
    Node node =
        zone.isApex(name)
            ? Node.APEX
            : resolver.resolve(QueryName.parse(name, zone.zone().labels()), snapshot);
    switch (node.kind()) {
      case APEX:
        if (qtype == Type.SOA) {
          return Answer.positive(List.of(maker.soa(snapshot.serial())), List.of());
        }
        if (qtype == Type.NS) {
          return NameserverRecords.of(name, nameservers.find(snapshot), maker);
        }
        return noData(maker, snapshot);
      case VERSION:
        if (qtype == Type.TXT) {
          return Answer.positive(
              List.of(new TXTRecord(name, DClass.IN, SCHEMA_VERSION_TTL, SCHEMA_VERSION)),
              List.of());
        }
        return noData(maker, snapshot);
      case ADDRESSES:
        if (qtype == Type.A || qtype == Type.AAAA) {
          return positiveOrNoData(AddressRecords.of(name, node.items(), qtype, maker), maker, snapshot);
        }
        if (qtype == Type.SRV) {
          Answer srv = SrvRecords.of(name, node.items(), maker);
          return srv.answer().isEmpty() ? noData(maker, snapshot) : srv;
        }
        return noData(maker, snapshot);
      case ALIAS:
        if (qtype == Type.CNAME) {
          return Answer.positive(
              List.of(new CNAMERecord(name, DClass.IN, options.ttl(), node.alias())), List.of());
        }
        if (qtype == Type.A || qtype == Type.AAAA) {
          return chaser.chase(
              request,
              name,
              node.alias(),
              qtype,
              options.ttl(),
              depth,
              (target, type, targetZone, deeper) ->
                  answer(request, target, type, targetZone, snapshot, deeper));
        }
        return noData(maker, snapshot);
      case EMPTY:
        return noData(maker, snapshot);
      case MISSING:
      default:
        return Answer.negative(Rcode.NXDOMAIN, maker.soa(snapshot.serial()));
    }
  }

  private Answer reverse(Name name, int qtype, RecordMaker maker, ClusterSnapshot snapshot) {
    InetAddress ip = ReverseNames.address(name);
    Set<String> targets = ip == null ? Set.of() : reverse.targets(ip, snapshot);
    if (targets.isEmpty()) {
      return Answer.negative(Rcode.NXDOMAIN, maker.soa(snapshot.serial()));
    }
    if (qtype != Type.PTR) {
      return noData(maker, snapshot);
    }
    List<Record> records = new ArrayList<>(targets.size());
    for (String target : targets) {
      records.add(
          new PTRRecord(
              name, DClass.IN, options.ttl(), RecordMaker.under(target, options.primaryZone())));
    }
    return Answer.positive(records, List.of());
  }

  private static Answer positiveOrNoData(
      List<Record> records, RecordMaker maker, ClusterSnapshot snapshot) {
    return records.isEmpty() ? noData(maker, snapshot) : Answer.positive(records, List.of());
  }

  private static Answer noData(RecordMaker maker, ClusterSnapshot snapshot) {
    return Answer.negative(Rcode.NOERROR, maker.soa(snapshot.serial()));
  }
}
