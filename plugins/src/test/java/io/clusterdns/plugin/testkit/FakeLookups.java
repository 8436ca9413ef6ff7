package io.clusterdns.plugin.testkit;

import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.ServerLookup;
import java.net.InetAddress;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Stand-ins for the server behind {@link ServerLookup}, for plugins that resolve through it. */
public final class FakeLookups {
  private FakeLookups() {}

  /** Answers {@code name A} with one record of {@code ttl} and {@code address}; NXDOMAIN otherwise. */
  public static ServerLookup answeringA(String name, long ttl, String address) {
    Name owner = Queries.name(name);
    InetAddress ip;
    try {
      ip = InetAddress.getByName(address);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(address, e);
    }
    return request -> {
      Message reply = Replies.reply(request);
      if (request.qname().equals(owner) && request.qtype() == Type.A) {
        reply.addRecord(new ARecord(request.qname(), DClass.IN, ttl, ip), Section.ANSWER);
      } else {
        reply.getHeader().setRcode(Rcode.NXDOMAIN);
      }
      return reply;
    };
  }
}
