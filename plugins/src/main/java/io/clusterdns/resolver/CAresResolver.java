package io.clusterdns.resolver;

import io.clusterdns.config.ResolvConf;
import io.clusterdns.plugin.Transport;
import io.clusterdns.resolver.Resolution.Outcome;
import io.clusterdns.resolver.SearchList.AsIs;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * c-ares 1.18's {@code ares_getaddrinfo} for one address family (Node.js, curl and gRPC's c-ares
 * resolver), configured from resolv.conf as {@code ares_init} reads it:
 *
 * <ul>
 *   <li>A name with a trailing dot, or with at least {@code ndots} dots, is queried as it is
 *       first, then with each search domain; one with fewer dots, with each search domain, then
 *       as it is.
 *   <li>NXDOMAIN and NODATA go on to the next candidate; SERVFAIL, REFUSED and a timeout end the
 *       lookup with that error. Once the list is done the error is NODATA if any candidate had
 *       it, else NXDOMAIN.
 *   <li>Each candidate is tried 4 times per name server: SERVFAIL, REFUSED and NOTIMP try again
 *       at once, a timeout after 5 seconds, doubled for each round past the first. A reply with a
 *       wrong ID is ignored; a truncated one is asked again over TCP.
 * </ul>
 *
 * <p>{@code ares_search} (one type, used by Node.js's {@code dns.resolve*} and many C programs)
 * walks the same way, except that a name with a trailing dot is queried as it is only
 * ({@link ResolverBehaviour#C_ARES_SEARCH}).
 *
 * <p>c-ares 1.18 reads only {@code ndots}, {@code retrans} (milliseconds), {@code retry} and
 * {@code rotate} from the options line: it ignores glibc's {@code timeout} and {@code attempts}
 * (so kubelet's and a pod's {@code dnsConfig} settings of them have no effect; seen with the
 * real library: a SERVFAIL is asked 4 times with {@code attempts:2} or {@code attempts:3}), and
 * {@code single-request} does not exist in it. {@code rotate} is not modelled.
 */
final class CAresResolver implements Resolver {
  /** c-ares 1.18's defaults: 5 s and 4 tries (glibc: 2 attempts). */
  private static final int DEFAULT_TIMEOUT_MILLIS = 5000;
  private static final int DEFAULT_TRIES = 4;

  private final ResolvConf conf;
  private final InetSocketAddress server;
  /** {@code ares_search} rather than {@code ares_getaddrinfo}: a trailing dot means the name only. */
  private final boolean search;

  CAresResolver(ResolvConf conf, InetSocketAddress server, boolean search) {
    this.conf = conf;
    this.server = server;
    this.search = search;
  }

  @Override
  public Resolution lookup(String name, int type) {
    List<Exchange> exchanges = new ArrayList<>();
    boolean nodata = false;
    for (String candidate : candidates(name, search)) {
      Candidate tried = query(candidate, type, exchanges);
      switch (tried.outcome) {
        case ANSWER -> {
          return new Resolution(name, type, exchanges, Outcome.ANSWER, Optional.of(tried.reply));
        }
        case NODATA -> nodata = true;
        case NXDOMAIN -> {
          // The next candidate.
        }
        default -> {
          return new Resolution(name, type, exchanges, tried.outcome, Optional.empty());
        }
      }
    }
    return new Resolution(name, type, exchanges, nodata ? Outcome.NODATA : Outcome.NXDOMAIN, Optional.empty());
  }

  /**
   * {@code ares_getaddrinfo} with {@code AF_UNSPEC}: {@code ares_query} for A and for AAAA at
   * once, each with its own tries; the candidate answers if either gave records, and otherwise
   * the query that ended last decides alone ({@code host_callback} looks only at its status), so
   * a SERVFAIL on one type and NXDOMAIN on the other goes on or ends by which came last.
   */
  @Override
  public AddressResolution lookupAddresses(String name) {
    List<Exchange> exchanges = new ArrayList<>();
    boolean nodata = false;
    for (String candidate : candidates(name, false)) {
      Concurrently.Both<Candidate> both = Concurrently.run(
          list -> query(candidate, Type.A, list), list -> query(candidate, Type.AAAA, list), exchanges);
      List<Message> answers = new ArrayList<>();
      for (Candidate tried : List.of(both.a(), both.aaaa())) {
        if (tried.outcome == Outcome.ANSWER) {
          answers.add(tried.reply);
        }
      }
      if (!answers.isEmpty()) {
        return new AddressResolution(name, exchanges, Outcome.ANSWER, answers);
      }
      Outcome last = (both.aaaaLast() ? both.aaaa() : both.a()).outcome;
      if (last == Outcome.NODATA) {
        nodata = true;
      } else if (last != Outcome.NXDOMAIN) {
        return new AddressResolution(name, exchanges, last, List.of());
      }
    }
    return new AddressResolution(name, exchanges, nodata ? Outcome.NODATA : Outcome.NXDOMAIN, List.of());
  }

  /** The names tried: {@code ares_search}'s when {@code search}, else {@code ares_getaddrinfo}'s. */
  private List<String> candidates(String name, boolean search) {
    return SearchList.candidates(LookupName.of(name), option("ndots", ResolvConf.DEFAULT_NDOTS, 0), conf.search(),
            search ? AsIs.ONLY : AsIs.FIRST, AsIs.FIRST).stream()
        .map(SearchList.Candidate::name)
        .toList();
  }

  /** What one candidate came to, and the reply when it is an answer. */
  private record Candidate(Outcome outcome, Message reply) {}

  /** {@code ares_query} with {@code next_server}: every try of every server until a reply counts. */
  private Candidate query(String candidate, int type, List<Exchange> exchanges) {
    Name qname = Wire.candidate(candidate);
    int servers = conf.effectiveNameservers().size();
    long timeoutMillis = option("retrans", DEFAULT_TIMEOUT_MILLIS, 1);
    int tries = servers * option("retry", DEFAULT_TRIES, 1);
    Outcome failure = Outcome.TIMEOUT;
    for (int tryCount = 0; tryCount < tries; tryCount++) {
      long wait = tryCount >= servers ? timeoutMillis << (tryCount / servers) : timeoutMillis;
      Message query = Wire.query(qname, type, 0);
      Message reply = Wire.exchange(server, query, Transport.UDP, wait, exchanges);
      if (reply != null && reply.getHeader().getFlag(Flags.TC)) {
        reply = Wire.exchange(server, query, Transport.TCP, wait, exchanges);
      }
      if (reply == null) {
        failure = Outcome.TIMEOUT;
        continue;
      }
      int rcode = reply.getRcode();
      if (rcode == Rcode.SERVFAIL) {
        failure = Outcome.SERVFAIL;
      } else if (rcode == Rcode.REFUSED || rcode == Rcode.NOTIMP) {
        failure = Outcome.REFUSED;
      } else if (rcode == Rcode.NXDOMAIN) {
        return new Candidate(Outcome.NXDOMAIN, reply);
      } else if (rcode == Rcode.NOERROR) {
        boolean any = reply.getHeader().getCount(Section.ANSWER) > 0;
        return new Candidate(any ? Outcome.ANSWER : Outcome.NODATA, reply);
      } else {
        return new Candidate(Outcome.REFUSED, reply);
      }
    }
    return new Candidate(failure, null);
  }

  /** A number option as c-ares reads it: at least {@code min}, no ceiling; else the default. */
  private int option(String name, int fallback, int min) {
    return conf.option(name)
        .filter(v -> v.chars().allMatch(Character::isDigit) && v.length() < 10)
        .map(v -> Math.max(min, Integer.parseInt(v)))
        .orElse(fallback);
  }
}
