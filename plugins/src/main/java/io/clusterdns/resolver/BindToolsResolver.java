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
 * BIND 9.18's command-line tools, which share one lookup engine ({@code dighost.c}): {@code dig
 * +search}, {@code host -t TYPE} and {@code nslookup}, reading the resolv.conf's search list,
 * {@code ndots}, {@code timeout} and (all but {@code host}) {@code attempts}:
 *
 * <ul>
 *   <li>A name with a trailing dot, or with at least {@code ndots} dots, is queried as it is,
 *       only: no search list (as musl). Otherwise each search domain, then the name as it is.
 *   <li>Only NXDOMAIN goes on to the next candidate. NODATA and an answer end the lookup there;
 *       so does SERVFAIL, at once, without asking again ({@code dig}'s default {@code +nofail}).
 *   <li>A query is sent {@code attempts} times (3 when the file does not say; {@code host}: twice
 *       whatever the file says), waiting {@code timeout} seconds each (5 when it does not say);
 *       no reply at all ends the lookup ("no servers could be reached"). A truncated reply is
 *       asked again over TCP.
 * </ul>
 *
 * {@link #lookup} is {@code dig +search NAME TYPE}, or {@code host -t TYPE NAME}. {@link
 * #lookupAddresses} is {@code nslookup NAME}: the A walk, then one AAAA query for the name the
 * walk ended on when that said NOERROR (no AAAA query after NXDOMAIN, SERVFAIL or no reply).
 */
final class BindToolsResolver implements Resolver {
  /** dig's defaults when the resolv.conf has no {@code timeout} or {@code attempts}. */
  private static final int DEFAULT_TIMEOUT = 5;
  private static final int DEFAULT_TRIES = 3;
  /** host's tries: one retry ({@code -R 1}), the resolv.conf's {@code attempts} notwithstanding. */
  static final int HOST_TRIES = 2;
  /** BIND 9.18's EDNS buffer size. */
  private static final int EDNS_SIZE = 1232;

  private final ResolvConf conf;
  private final InetSocketAddress server;
  /** The tries of each query, or 0 for the resolv.conf's {@code attempts}. */
  private final int fixedTries;

  BindToolsResolver(ResolvConf conf, InetSocketAddress server, int fixedTries) {
    this.conf = conf;
    this.server = server;
    this.fixedTries = fixedTries;
  }

  @Override
  public Resolution lookup(String name, int type) {
    List<Exchange> exchanges = new ArrayList<>();
    Tried last = walk(name, type, exchanges);
    return new Resolution(name, type, exchanges, last.outcome(), last.answer());
  }

  @Override
  public AddressResolution lookupAddresses(String name) {
    List<Exchange> exchanges = new ArrayList<>();
    Tried a = walk(name, Type.A, exchanges);
    if (a.outcome() != Outcome.ANSWER && a.outcome() != Outcome.NODATA) {
      return new AddressResolution(name, exchanges, a.outcome(), List.of());
    }
    Tried aaaa = query(a.candidate(), Type.AAAA, exchanges);
    List<Message> answers = new ArrayList<>();
    a.answer().ifPresent(answers::add);
    aaaa.answer().ifPresent(answers::add);
    Outcome outcome = !answers.isEmpty() ? Outcome.ANSWER
        : aaaa.outcome() == Outcome.NODATA || aaaa.outcome() == Outcome.NXDOMAIN ? a.outcome() : aaaa.outcome();
    return new AddressResolution(name, exchanges, outcome, answers);
  }

  /** What one candidate came to, and the reply when it is an answer. */
  private record Tried(String candidate, Outcome outcome, Optional<Message> answer) {}

  private Tried walk(String name, int type, List<Exchange> exchanges) {
    Tried last = null;
    for (SearchList.Candidate candidate
        : SearchList.candidates(LookupName.of(name), conf.ndots(), conf.search(), AsIs.ONLY, AsIs.ONLY)) {
      last = query(candidate.name(), type, exchanges);
      if (last.outcome() != Outcome.NXDOMAIN) {
        break;
      }
    }
    return last;
  }

  private Tried query(String candidate, int type, List<Exchange> exchanges) {
    Name qname = Wire.candidate(candidate);
    long timeoutMillis = (conf.option("timeout").isPresent() ? conf.timeout() : DEFAULT_TIMEOUT) * 1000L;
    int tries = fixedTries > 0 ? fixedTries : conf.option("attempts").isPresent() ? conf.attempts() : DEFAULT_TRIES;
    for (int attempt = 0; attempt < tries; attempt++) {
      Message query = Wire.query(qname, type, EDNS_SIZE);
      Message reply = Wire.exchange(server, query, Transport.UDP, timeoutMillis, exchanges);
      if (reply != null && reply.getHeader().getFlag(Flags.TC)) {
        reply = Wire.exchange(server, query, Transport.TCP, timeoutMillis, exchanges);
      }
      if (reply == null) {
        continue;
      }
      int rcode = reply.getRcode();
      if (rcode == Rcode.NOERROR) {
        boolean any = reply.getHeader().getCount(Section.ANSWER) > 0;
        return new Tried(candidate, any ? Outcome.ANSWER : Outcome.NODATA, any ? Optional.of(reply) : Optional.empty());
      }
      Outcome outcome = rcode == Rcode.NXDOMAIN ? Outcome.NXDOMAIN
          : rcode == Rcode.SERVFAIL ? Outcome.SERVFAIL
          : Outcome.REFUSED;
      return new Tried(candidate, outcome, Optional.empty());
    }
    return new Tried(candidate, Outcome.TIMEOUT, Optional.empty());
  }
}
