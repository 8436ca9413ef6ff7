package io.clusterdns.plugin.autopath;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import java.net.InetAddress;

/**
 * The rest of a chain for autopath tests: names with an address answer A (TTL 30) and NODATA
 * for other types, names listed as empty answer NODATA, every other name NXDOMAIN; negative
 * replies carry the SOA of {@code cluster.local.} (TTL 60, minimum 5). Records each name asked.
 */
final class NameTableChain implements Chain {
  private final Map<Name, String> addresses;
  private final Set<Name> empty;
  private final List<Name> asked = new ArrayList<>();

  NameTableChain(Map<String, String> addresses, Set<String> empty) {
    this.addresses = new java.util.HashMap<>();
    addresses.forEach((name, ip) -> this.addresses.put(Name.fromConstantString(name), ip));
    this.empty = new java.util.HashSet<>();
    empty.forEach(name -> this.empty.add(Name.fromConstantString(name)));
  }

  @Override
  public synchronized Message next(Request request) throws Exception {
    asked.add(request.qname());
    Message reply = Replies.authoritative(request);
    String ip = addresses.get(request.qname());
    if (ip != null && request.qtype() == Type.A) {
      reply.addRecord(new ARecord(request.qname(), DClass.IN, 30, InetAddress.getByName(ip)), Section.ANSWER);
      return reply;
    }
    if (ip == null && !empty.contains(request.qname())) {
      reply.getHeader().setRcode(Rcode.NXDOMAIN);
    }
    Name zone = Name.fromConstantString("cluster.local.");
    reply.addRecord(new SOARecord(zone, DClass.IN, 60, Name.fromConstantString("ns.dns.cluster.local."),
        Name.fromConstantString("hostmaster.cluster.local."), 1, 7200, 1800, 86400, 5), Section.AUTHORITY);
    return reply;
  }

  /** The names asked, lower case, in order. */
  synchronized List<String> asked() {
    return asked.stream().map(n -> n.toString().toLowerCase(java.util.Locale.ROOT)).toList();
  }
}
