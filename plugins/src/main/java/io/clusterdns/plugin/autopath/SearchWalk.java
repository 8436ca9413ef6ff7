package io.clusterdns.plugin.autopath;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Request;
import java.util.List;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * Walks a search path on the client's behalf, as its resolver would: the query for {@code base +
 * path[0]} first, then {@code base} with each later element, the first reply that is not NXDOMAIN
 * ending the walk. A reply for another name than the one asked is given the asked name back, with
 * a CNAME from it to the name that answered, so that a resolver following the chain finds the
 * records and stops its own walk.
 */
final class SearchWalk {
  private SearchWalk() {}

  /**
   * The reply to {@code request}, whose name is below {@code head.get(0)}. The path is {@code
   * head} then {@code tail}, two lists so that no query has to join them. {@code found} runs
   * when a name other than NXDOMAIN was found.
   */
  static Message walk(Request request, List<Name> head, List<Name> tail, Chain next, Runnable found)
      throws Exception {
    Name qname = request.qname();
    Message reply = next.next(request);
    if (reply.getRcode() != Rcode.NXDOMAIN) {
      found.run();
      return reply;
    }
    Name base = qname.relativize(head.get(0));
    Name last = qname;
    int length = head.size() + tail.size();
    for (int i = 1; i < length; i++) {
      Name candidate;
      try {
        candidate = Name.concatenate(base, i < head.size() ? head.get(i) : tail.get(i - head.size()));
      } catch (NameTooLongException e) {
        // The client's resolver cannot ask this name either; it goes on with the next element.
        continue;
      }
      reply = next.next(request.withQuestion(candidate, request.qtype()));
      last = candidate;
      if (reply.getRcode() != Rcode.NXDOMAIN) {
        found.run();
        return asAlias(request, candidate, reply);
      }
    }
    // Found nowhere: the answer the client's last candidate gets, reached from the asked name.
    return last == qname ? reply : asAlias(request, last, reply);
  }

  /** {@code reply}, the answer for {@code target}, turned into the answer for the asked name. */
  private static Message asAlias(Request request, Name target, Message reply) {
    reply.removeAllRecords(Section.QUESTION);
    reply.addRecord(request.question(), Section.QUESTION);
    List<Record> answers = reply.getSection(Section.ANSWER);
    reply.removeAllRecords(Section.ANSWER);
    reply.addRecord(
        new CNAMERecord(request.qname(), request.qclass(), aliasTtl(answers, reply), target), Section.ANSWER);
    for (Record answer : answers) {
      reply.addRecord(answer, Section.ANSWER);
    }
    // The CNAME is made here, not by the zone that may have signed or validated the rest.
    reply.getHeader().unsetFlag(Flags.AD);
    return reply;
  }

  /**
   * The first answer's TTL, as CoreDNS gives it; for a reply without records, the negative
   * caching time of its SOA (RFC 2308), so that the alias is not kept longer than the denial.
   */
  private static long aliasTtl(List<Record> answers, Message reply) {
    if (!answers.isEmpty()) {
      return answers.get(0).getTTL();
    }
    for (Record record : reply.getSection(Section.AUTHORITY)) {
      if (record instanceof SOARecord soa) {
        return Math.min(soa.getTTL(), soa.getMinimum());
      }
    }
    return 0;
  }
}
