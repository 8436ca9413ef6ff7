package io.clusterdns.plugin.k8s_gateway;

import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.ServerLookup;
import io.clusterdns.plugin.cluster.ClusterReplies;
import java.net.Inet4Address;
import java.net.InetAddress;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers one question in one k8s_gateway zone from one host table: the claimed addresses for
 * A/AAAA, a CNAME to a load balancer's host name, the SOA at the apex, NODATA and NXDOMAIN with
 * the SOA otherwise.
 */
final class GatewayAnswerer {
  private static final long SOA_REFRESH = 7200;
  private static final long SOA_RETRY = 1800;
  private static final long SOA_EXPIRE = 86400;
  private static final Name NAMESERVER = Name.fromConstantString("ns1.dns");
  private static final Name HOSTMASTER = Name.fromConstantString("hostmaster.dns");

  private final GatewayOptions options;

  GatewayAnswerer(GatewayOptions options) {
    this.options = options;
  }

  Message answer(Request request, Name zone, HostTable table, ServerLookup lookup, Name[] zones) {
    Name qname = request.qname();
    int qtype = request.qtype();
    Name spelled = new Name(qname, qname.labels() - zone.labels());
    long serial = Math.max(table.cluster().serial(), table.gateways().serial());
    Message reply = Replies.authoritative(request);
    HostTable.Claim claim = table.find(qname);
    if (claim == null) {
      boolean exists = qname.labels() == zone.labels() || table.isNonTerminal(qname);
      if (exists && qtype == Type.SOA && qname.labels() == zone.labels()) {
        reply.addRecord(soa(spelled, serial), Section.ANSWER);
        return reply;
      }
      return negative(reply, exists ? Rcode.NOERROR : Rcode.NXDOMAIN, spelled, serial);
    }
    if (qtype == Type.SOA && qname.labels() == zone.labels()) {
      reply.addRecord(soa(spelled, serial), Section.ANSWER);
      return reply;
    }
    if (qtype == Type.CNAME && claim.ips().isEmpty() && !claim.hostnames().isEmpty()) {
      reply.addRecord(
          new CNAMERecord(qname, DClass.IN, options.ttl(), claim.hostnames().get(0)), Section.ANSWER);
      return reply;
    }
    if (qtype != Type.A && qtype != Type.AAAA) {
      return negative(reply, Rcode.NOERROR, spelled, serial);
    }
    if (!claim.ips().isEmpty()) {
      for (InetAddress ip : claim.ips()) {
        if ((ip instanceof Inet4Address) == (qtype == Type.A)) {
          reply.addRecord(address(qname, ip), Section.ANSWER);
        }
      }
      return reply.getSection(Section.ANSWER).isEmpty()
          ? negative(reply, Rcode.NOERROR, spelled, serial)
          : reply;
    }
    if (claim.hostnames().isEmpty()) {
      // Claimed, but no controller has given it an address yet.
      return negative(reply, Rcode.NOERROR, spelled, serial);
    }
    // Only host names: one CNAME (a name has at most one), then what the target resolves to.
    return ClusterReplies.cnameAndTarget(
        reply, request, claim.hostnames().get(0), options.ttl(), lookup, zones);
  }

  private Record address(Name owner, InetAddress ip) {
    return ip instanceof Inet4Address
        ? new ARecord(owner, DClass.IN, options.ttl(), ip)
        : new AAAARecord(owner, DClass.IN, options.ttl(), ip);
  }

  /** {@code zone TTL SOA ns1.dns.zone hostmaster.dns.zone serial 7200 1800 86400 TTL}. */
  private Record soa(Name zone, long serial) {
    return new SOARecord(
        zone, DClass.IN, options.ttl(), under(NAMESERVER, zone), under(HOSTMASTER, zone), serial,
        SOA_REFRESH, SOA_RETRY, SOA_EXPIRE, options.ttl());
  }

  private Message negative(Message reply, int rcode, Name zone, long serial) {
    reply.removeAllRecords(Section.ANSWER);
    reply.getHeader().setRcode(rcode);
    reply.addRecord(soa(zone, serial), Section.AUTHORITY);
    return reply;
  }

  private static Name under(Name relative, Name origin) {
    try {
      return Name.concatenate(relative, origin);
    } catch (NameTooLongException e) {
      throw new IllegalArgumentException("name too long: " + relative + "." + origin, e);
    }
  }
}
