package io.clusterdns.plugin.rewrite;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The next plugin of a rewrite test: answers from zone-file lines for the question it receives,
 * following CNAMEs among them, NXDOMAIN with the SOA line otherwise. Records what it was asked.
 */
final class FakeZone implements Chain {

  private final List<Record> records = new ArrayList<>();
  private final List<Request> asked = new ArrayList<>();

  FakeZone(String... lines) {
    try (Master master = new Master(new java.io.ByteArrayInputStream(
        (String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)), Name.root)) {
      for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
        records.add(r);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public Message next(Request request) throws Exception {
    asked.add(request);
    Message reply = Replies.authoritative(request);
    Name name = request.qname();
    boolean found = false;
    for (int hops = 0; hops < 8; hops++) {
      Name next = null;
      for (Record r : records) {
        if (!r.getName().equals(name)) {
          continue;
        }
        found = true;
        Record owned = r.withName(name);
        if (r.getType() == request.qtype() || request.qtype() == Type.ANY) {
          reply.addRecord(owned, Section.ANSWER);
        } else if (r instanceof CNAMERecord cname) {
          reply.addRecord(owned, Section.ANSWER);
          next = cname.getTarget();
        }
      }
      if (next == null) {
        break;
      }
      name = next;
    }
    if (!found) {
      reply.getHeader().setRcode(Rcode.NXDOMAIN);
      reply.addRecord(Record.fromString(Name.fromString("example."), Type.SOA, DClass.IN, 60,
          "ns.example. hostmaster.example. 1 7200 1800 86400 5", Name.root), Section.AUTHORITY);
    }
    return reply;
  }

  /** The last request passed on to this plugin. */
  Request last() {
    return asked.get(asked.size() - 1);
  }

  int calls() {
    return asked.size();
  }
}
