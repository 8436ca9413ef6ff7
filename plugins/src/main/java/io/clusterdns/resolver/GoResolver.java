package io.clusterdns.resolver;

import io.clusterdns.config.ResolvConf;
import io.clusterdns.plugin.Transport;
import io.clusterdns.resolver.Resolution.Outcome;
import io.clusterdns.resolver.SearchList.AsIs;
import io.clusterdns.resolver.SearchList.Role;
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
 * Go's own resolver ({@code net.Resolver} with {@code PreferGo}, as in Go 1.19, which statically
 * linked Go binaries use) for one address family ({@code LookupIP(ctx, "ip4" | "ip6", name)}):
 *
 * <ul>
 *   <li>A name with a trailing dot is queried as it is, only. A name with at least {@code ndots}
 *       dots is queried as it is first, then with each search domain; one with fewer, with each
 *       search domain, then as it is.
 *   <li>Every failure goes on to the next candidate: NXDOMAIN, NODATA, SERVFAIL, REFUSED and a
 *       timeout alike (the walk stops early only with {@code StrictErrors}, not modelled). The
 *       error reported is the first one, or the as-is query's when that came last.
 *   <li>Each candidate is asked {@code attempts} times of each name server, {@code timeout}
 *       seconds each. NXDOMAIN and NODATA end the candidate at once; SERVFAIL, REFUSED, a
 *       timeout and a lame referral (NOERROR, empty, neither AA nor RA) try again. A truncated
 *       UDP reply is asked again over TCP. Queries carry EDNS0 (size 1232).
 * </ul>
 *
 * Go reads {@code ndots} capped at 15, and {@code timeout} and {@code attempts} at least 1 with no
 * ceiling; {@code single-request} and {@code rotate} change nothing for one family.
 *
 * <p>{@link #lookupAddresses} ({@code LookupIP(ctx, "ip", name)}, what {@code net.Dial} uses)
 * asks A and AAAA of each candidate at once, each from its own socket with its own retries
 * ({@code single-request}: A, then AAAA), and stops at the first candidate with an address of
 * either type; a dropped AAAA reply costs its {@code timeout × attempts} and the lookup answers
 * with the A records. The error is chosen as for one family, A's before AAAA's.
 */
final class GoResolver implements Resolver {
  private static final int GO_EDNS_SIZE = 1232;
  private static final int MAX_NDOTS = 15;

  private final ResolvConf conf;
  private final InetSocketAddress server;

  GoResolver(ResolvConf conf, InetSocketAddress server) {
    this.conf = conf;
    this.server = server;
  }

  @Override
  public Resolution lookup(String name, int type) {
    List<Exchange> exchanges = new ArrayList<>();
    Outcome error = null;
    for (String candidate : candidates(name)) {
      Candidate tried = query(candidate, type, exchanges);
      if (tried.outcome == Outcome.ANSWER) {
        return new Resolution(name, type, exchanges, Outcome.ANSWER, Optional.of(tried.reply));
      }
      // Go keeps the first error, but prefers the error of the name as given.
      if (error == null || candidate.equals(LookupName.of(name).bare())) {
        error = tried.outcome;
      }
    }
    return new Resolution(name, type, exchanges, error == null ? Outcome.NXDOMAIN : error, Optional.empty());
  }

  /**
   * {@code goLookupIPCNAMEOrder} for network {@code "ip"}: A and AAAA for each candidate, at once
   * ({@code single-request}: A, then AAAA), until a candidate gives an address of either type.
   */
  @Override
  public AddressResolution lookupAddresses(String name) {
    List<Exchange> exchanges = new ArrayList<>();
    Outcome error = null;
    for (String candidate : candidates(name)) {
      Candidate a;
      Candidate aaaa;
      if (conf.has("single-request")) {
        a = query(candidate, Type.A, exchanges);
        aaaa = query(candidate, Type.AAAA, exchanges);
      } else {
        Concurrently.Both<Candidate> both = Concurrently.run(
            list -> query(candidate, Type.A, list), list -> query(candidate, Type.AAAA, list), exchanges);
        a = both.a();
        aaaa = both.aaaa();
      }
      List<Message> answers = new ArrayList<>();
      for (Candidate tried : List.of(a, aaaa)) {
        if (tried.outcome == Outcome.ANSWER) {
          answers.add(tried.reply);
        } else if (error == null || candidate.equals(LookupName.of(name).bare())) {
          error = tried.outcome;
        }
      }
      if (!answers.isEmpty()) {
        return new AddressResolution(name, exchanges, Outcome.ANSWER, answers);
      }
    }
    return new AddressResolution(name, exchanges, error == null ? Outcome.NXDOMAIN : error, List.of());
  }

  /** {@code dnsConfig.nameList}: the names to try, in order. */
  private List<String> candidates(String name) {
    return SearchList.candidates(LookupName.of(name), Math.min(conf.ndots(), MAX_NDOTS), conf.search(), AsIs.ONLY,
            AsIs.FIRST).stream()
        // Go drops a candidate past the 254 characters of a name with its final dot.
        .filter(candidate -> candidate.role() != Role.SEARCH || candidate.name().length() + 1 <= 254)
        .map(SearchList.Candidate::name)
        .toList();
  }

  /** What one candidate came to, and the reply when it is an answer. */
  private record Candidate(Outcome outcome, Message reply) {}

  /** {@code tryOneName}: every attempt of every server until an answer or a definite "no". */
  private Candidate query(String candidate, int type, List<Exchange> exchanges) {
    Name qname = Wire.candidate(candidate);
    long timeoutMillis = atLeastOne("timeout", ResolvConf.DEFAULT_TIMEOUT) * 1000L;
    int servers = conf.effectiveNameservers().size();
    Outcome failure = Outcome.TIMEOUT;
    for (int attempt = 0; attempt < atLeastOne("attempts", ResolvConf.DEFAULT_ATTEMPTS); attempt++) {
      for (int ns = 0; ns < servers; ns++) {
        Message query = Wire.query(qname, type, GO_EDNS_SIZE);
        Message reply = Wire.exchange(server, query, Transport.UDP, timeoutMillis, exchanges);
        if (reply != null && reply.getHeader().getFlag(Flags.TC)) {
          reply = Wire.exchange(server, query, Transport.TCP, timeoutMillis, exchanges);
        }
        if (reply == null) {
          failure = Outcome.TIMEOUT;
          continue;
        }
        int rcode = reply.getRcode();
        boolean empty = reply.getHeader().getCount(Section.ANSWER) == 0;
        if (rcode == Rcode.NXDOMAIN) {
          return new Candidate(Outcome.NXDOMAIN, reply);
        }
        if (rcode == Rcode.NOERROR && empty
            && !reply.getHeader().getFlag(Flags.AA) && !reply.getHeader().getFlag(Flags.RA)) {
          failure = Outcome.REFUSED;
        } else if (rcode == Rcode.NOERROR) {
          return new Candidate(empty ? Outcome.NODATA : Outcome.ANSWER, reply);
        } else {
          failure = rcode == Rcode.SERVFAIL ? Outcome.SERVFAIL : Outcome.REFUSED;
        }
      }
    }
    return new Candidate(failure, null);
  }

  /** An integer option as Go reads it: at least 1, no ceiling; the default when absent or not a number. */
  private int atLeastOne(String option, int fallback) {
    return conf.option(option)
        .filter(v -> v.chars().allMatch(Character::isDigit) && v.length() < 10)
        .map(v -> Math.max(1, Integer.parseInt(v)))
        .orElse(fallback);
  }
}
