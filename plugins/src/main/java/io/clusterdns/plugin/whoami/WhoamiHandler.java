package io.clusterdns.plugin.whoami;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;

/**
 * Answers every query, whatever its type, with the client's address and port in the additional
 * section, as CoreDNS's whoami: an A or AAAA record owned by the question name, and an SRV record
 * owned by {@code _<proto>.<qname>} whose port is the client's. TTLs are 0; the answer section
 * stays empty.
 */
final class WhoamiHandler implements Handler {
  private static final long TTL = 0;
  private static final Name UDP = Name.fromConstantString("_udp");
  private static final Name TCP = Name.fromConstantString("_tcp");

  @Override
  public Message serve(Request request, Chain next) throws NameTooLongException {
    Message reply = Replies.authoritative(request);
    InetSocketAddress remote = request.remote();
    Name qname = request.qname();
    int dclass = request.qclass();
    InetAddress address = remote.getAddress();
    Record addressRecord =
        address instanceof Inet4Address
            ? new ARecord(qname, dclass, TTL, address)
            : new AAAARecord(qname, dclass, TTL, address);
    Name srvOwner = Name.concatenate(protoLabel(request), qname);
    reply.addRecord(addressRecord, Section.ADDITIONAL);
    reply.addRecord(
        new SRVRecord(srvOwner, dclass, TTL, 0, 0, remote.getPort(), Name.root), Section.ADDITIONAL);
    return reply;
  }

  private static Name protoLabel(Request request) {
    return switch (request.transport()) {
      case UDP -> UDP;
      case TCP -> TCP;
    };
  }
}
