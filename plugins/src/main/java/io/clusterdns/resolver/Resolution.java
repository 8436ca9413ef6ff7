package io.clusterdns.resolver;

import io.clusterdns.plugin.MessageText;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * What a {@link Resolver#lookup} did: every query in the order sent, the outcome, and the reply
 * that answered, if one did.
 */
public record Resolution(String name, int type, List<Exchange> exchanges, Outcome outcome, Optional<Message> answer) {

  /** How a lookup ended, in the terms the C library's callers see. */
  public enum Outcome {
    /** A reply with records in its answer section. */
    ANSWER,
    /** The name exists but has no record of the type (glibc's NO_DATA). */
    NODATA,
    /** No such name (glibc's HOST_NOT_FOUND). */
    NXDOMAIN,
    /** Every server failed (SERVFAIL; glibc's TRY_AGAIN). */
    SERVFAIL,
    /** No reply in time (glibc's TRY_AGAIN). */
    TIMEOUT,
    /** The servers refused or could not parse the query (glibc's NO_RECOVERY). */
    REFUSED
  }

  public Resolution {
    exchanges = List.copyOf(exchanges);
  }

  /** The candidate names queried, in order (one per exchange, repeats included). */
  public List<String> queriedNames() {
    return exchanges.stream().map(Exchange::name).toList();
  }

  /** The A and AAAA addresses of the answer, in answer order; empty without one. */
  public List<InetAddress> addresses() {
    List<InetAddress> addresses = new ArrayList<>();
    answer.ifPresent(reply -> {
      for (Record record : reply.getSection(Section.ANSWER)) {
        if (record instanceof ARecord a) {
          addresses.add(a.getAddress());
        } else if (record instanceof AAAARecord aaaa) {
          addresses.add(aaaa.getAddress());
        }
      }
    });
    return addresses;
  }

  /** The answer section's records; empty without an answer. */
  public List<Record> records() {
    return answer.map(reply -> reply.getSection(Section.ANSWER)).orElse(List.of());
  }

  /** The record's fields, the reply as dig shows it: dnsjava's own text throws on some records. */
  @Override
  public String toString() {
    return "Resolution[name=" + name + ", type=" + Type.string(type) + ", exchanges=" + exchanges + ", outcome="
        + outcome + ", answer=" + answer.map(reply -> "\n" + MessageText.of(reply)).orElse("none") + "]";
  }
}
