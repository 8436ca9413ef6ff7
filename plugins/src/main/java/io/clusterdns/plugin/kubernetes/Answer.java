package io.clusterdns.plugin.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * The sections of a reply before it becomes a message, so a CNAME can be put in front of an
 * inner answer and the handler can decide on fallthrough and SERVFAIL.
 *
 * @param truncated whether an upstream answer that was copied in had TC set
 */
record Answer(
    int rcode,
    List<Record> answer,
    List<Record> authority,
    List<Record> additional,
    boolean truncated) {

  Answer {
    answer = List.copyOf(answer);
    authority = List.copyOf(authority);
    additional = List.copyOf(additional);
  }

  static Answer positive(List<Record> answer, List<Record> additional) {
    return new Answer(Rcode.NOERROR, answer, List.of(), additional, false);
  }

  static Answer negative(int rcode, Record soa) {
    return new Answer(rcode, List.of(), List.of(soa), List.of(), false);
  }

  /** NXDOMAIN with nothing answered: the case {@code fallthrough} applies to. */
  boolean nameError() {
    return rcode == Rcode.NXDOMAIN && answer.isEmpty();
  }

  /** NXDOMAIN or NODATA with nothing answered. */
  boolean negative() {
    return answer.isEmpty() && (rcode == Rcode.NXDOMAIN || rcode == Rcode.NOERROR);
  }

  /**
   * This answer behind {@code cname}, as the last part of a CNAME chain. A set drops repeated
   * records: a headless target may have thousands, and a list's contains() made it quadratic.
   */
  Answer behind(Record cname) {
    Set<Record> chain = new LinkedHashSet<>(2 * (answer.size() + 1));
    chain.add(cname);
    chain.addAll(answer);
    return new Answer(rcode, new ArrayList<>(chain), authority, additional, truncated);
  }
}
