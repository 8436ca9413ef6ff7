package io.clusterdns.resolver;

import io.clusterdns.plugin.MessageText;
import io.clusterdns.resolver.Resolution.Outcome;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * What a {@link Resolver#lookupAddresses} did: every A and AAAA query in the order sent (queries
 * a library sends at once are listed in the order it sends them), how the lookup ended, and the
 * replies that gave addresses.
 *
 * @param outcome {@link Outcome#ANSWER} when either type gave an address; otherwise how the
 *     library reports the failure of the last candidate it decided on
 * @param answers the replies with records, the A reply before the AAAA reply
 */
public record AddressResolution(String name, List<Exchange> exchanges, Outcome outcome, List<Message> answers) {
  public AddressResolution {
    exchanges = List.copyOf(exchanges);
    answers = List.copyOf(answers);
  }

  /** The candidate names queried, in order (one per exchange, repeats included). */
  public List<String> queriedNames() {
    return exchanges.stream().map(Exchange::name).toList();
  }

  /**
   * The IPv4 then the IPv6 addresses of the answers, each in answer order: the library's result
   * before getaddrinfo sorts it by RFC 6724, which depends on the host's addresses and routes.
   */
  public List<InetAddress> addresses() {
    List<InetAddress> v4 = new ArrayList<>();
    List<InetAddress> v6 = new ArrayList<>();
    for (Message reply : answers) {
      for (Record record : reply.getSection(Section.ANSWER)) {
        if (record instanceof ARecord a) {
          v4.add(a.getAddress());
        } else if (record instanceof AAAARecord aaaa) {
          v6.add(aaaa.getAddress());
        }
      }
    }
    v4.addAll(v6);
    return v4;
  }

  /** Two single-type lookups as one: the exchanges of both, and an answer if either had one. */
  static AddressResolution inTurn(String name, Resolution a, Resolution aaaa) {
    List<Exchange> exchanges = new ArrayList<>(a.exchanges());
    exchanges.addAll(aaaa.exchanges());
    List<Message> answers = new ArrayList<>();
    a.answer().ifPresent(answers::add);
    aaaa.answer().ifPresent(answers::add);
    Outcome outcome = answers.isEmpty() ? aaaa.outcome() : Outcome.ANSWER;
    return new AddressResolution(name, exchanges, outcome, answers);
  }

  /** The record's fields, each reply as dig shows it: dnsjava's own text throws on some records. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("AddressResolution[name=").append(name).append(", exchanges=")
        .append(exchanges).append(", outcome=").append(outcome).append(", answers=");
    answers.forEach(reply -> text.append('\n').append(MessageText.of(reply)));
    return text.append(answers.isEmpty() ? "none]" : "]").toString();
  }
}
