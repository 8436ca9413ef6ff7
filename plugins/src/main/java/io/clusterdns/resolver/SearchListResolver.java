package io.clusterdns.resolver;

import io.clusterdns.config.ResolvConf;
import io.clusterdns.plugin.Transport;
import io.clusterdns.resolver.Resolution.Outcome;
import io.clusterdns.resolver.SearchList.AsIs;
import io.clusterdns.resolver.SearchList.Candidate;
import io.clusterdns.resolver.SearchList.Role;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * glibc's {@code res_nsearch} for one query type, with {@code res_nsend}'s retries:
 *
 * <ul>
 *   <li>A name with a trailing dot is queried as it is, only.
 *   <li>A name with at least {@code ndots} dots is queried as it is first; then (or first, with
 *       fewer dots) with each search domain appended, in order; then as it is, unless already
 *       tried or the search list holds the root.
 *   <li>NXDOMAIN and NODATA go on to the next candidate; so does SERVFAIL (once every server and
 *       attempt said so). A timeout, REFUSED or NOTIMP ends the search list, and only the as-is
 *       query may follow.
 *   <li>Each query goes to each name server in turn, {@code attempts} times; the first round
 *       waits {@code timeout} seconds, round n waits {@code timeout << n / nameservers}.
 *       SERVFAIL, REFUSED and NOTIMP try the next server; a reply with a wrong ID or question is
 *       ignored; a truncated reply is asked again over TCP. A lame answer (NOERROR, empty, no
 *       additional records, neither AA nor RA; truncated or not) tries the next server, and
 *       after the last attempt ends the search list as a timeout does.
 *   <li>The result: the first answer; else the outcome of the as-is query when it went first;
 *       else NODATA if a candidate had it; else SERVFAIL if one had that; else the last outcome.
 * </ul>
 *
 * A root search domain ({@code .}) is queried as the name as given, and then the name as given
 * is not queried again last.
 *
 * <p>{@link #lookupAddresses} is getaddrinfo with {@code AF_UNSPEC} ({@code
 * _nss_dns_gethostbyname4_r}): the same walk, with A and AAAA for each candidate in one
 * {@code res_nsend}; see {@link GlibcPairSend}. A candidate answers when either type has
 * records; else the A reply's rcode decides, or the AAAA reply's when that was NOERROR (NODATA
 * when both were).
 *
 * <p>Every name server of the resolv.conf is the test server; {@code options edns0} adds OPT with
 * size 1200 as glibc does. Not modelled: rotate, use-vc, and the domain of the host name when no
 * search line is given.
 */
final class SearchListResolver implements Resolver {
  static final int GLIBC_EDNS_SIZE = 1200;

  private final ResolvConf conf;
  private final InetSocketAddress server;

  SearchListResolver(ResolvConf conf, InetSocketAddress server) {
    this.conf = conf;
    this.server = server;
  }

  @Override
  public Resolution lookup(String name, int type) {
    List<Exchange> exchanges = new ArrayList<>();
    Result result = walk(name, candidate -> query(candidate, type, exchanges));
    return new Resolution(name, type, exchanges, result.outcome(), result.answers().stream().findFirst());
  }

  @Override
  public AddressResolution lookupAddresses(String name) {
    List<Exchange> exchanges = new ArrayList<>();
    GlibcPairSend send = new GlibcPairSend(conf, server, exchanges);
    Result result = walk(name, send::query);
    return new AddressResolution(name, exchanges, result.outcome(), result.answers());
  }

  /** What one candidate came to, and the replies with records when it is an answer. */
  record Result(Outcome outcome, List<Message> answers) {
    static Result failed(Outcome outcome) {
      return new Result(outcome, List.of());
    }
  }

  /** {@code res_nsearch}: the candidates in order, until one answers or the walk ends. */
  private Result walk(String name, Function<String, Result> query) {
    LookupName asked = LookupName.of(name);
    Outcome saved = null;
    boolean nodata = false;
    boolean servfail = false;
    boolean rootOnList = false;
    boolean searchEnded = false;
    Result last = null;
    for (Candidate candidate : SearchList.candidates(asked, conf.ndots(), conf.search(), AsIs.ONLY, AsIs.FIRST)) {
      if (candidate.role() == Role.AS_IS_FIRST) {
        Result asIs = query.apply(candidate.name());
        if (asIs.outcome() == Outcome.ANSWER) {
          return asIs;
        }
        saved = asIs.outcome();
        continue;
      }
      if (candidate.role() == Role.AS_IS_LAST && (saved != null || rootOnList)
          || candidate.role() == Role.SEARCH && searchEnded) {
        continue;
      }
      rootOnList |= candidate.root();
      last = query.apply(candidate.name());
      if (last.outcome() == Outcome.ANSWER) {
        return last;
      }
      if (candidate.role() == Role.SEARCH) {
        if (last.outcome() == Outcome.NODATA) {
          nodata = true;
        } else if (last.outcome() == Outcome.SERVFAIL) {
          servfail = true;
        } else if (last.outcome() != Outcome.NXDOMAIN) {
          // A timeout, REFUSED or a lame answer: the search list ends, the name as given follows.
          searchEnded = true;
        }
      }
    }
    Outcome outcome = saved != null ? saved
        : nodata ? Outcome.NODATA
        : servfail ? Outcome.SERVFAIL
        : last != null ? last.outcome() : Outcome.NXDOMAIN;
    return Result.failed(outcome);
  }

  /**
   * glibc's lame answer ({@code send_dg}, checked before TC): NOERROR with no answer, no
   * additional records, and neither AA nor RA.
   */
  static boolean lame(Message reply) {
    return reply.getRcode() == Rcode.NOERROR
        && reply.getHeader().getCount(Section.ANSWER) == 0
        && reply.getHeader().getCount(Section.ADDITIONAL) == 0
        && !reply.getHeader().getFlag(Flags.AA)
        && !reply.getHeader().getFlag(Flags.RA);
  }

  /** How long round {@code attempt} waits for each server, in seconds. */
  static long seconds(ResolvConf conf, int attempt) {
    long seconds = (long) conf.timeout() << attempt;
    return attempt > 0 ? Math.max(1, seconds / conf.effectiveNameservers().size()) : seconds;
  }

  /** {@code res_nquery} and {@code res_nsend}: one candidate, every server and attempt. */
  private Result query(String candidate, int type, List<Exchange> exchanges) {
    Name qname = Wire.candidate(candidate);
    int servers = conf.effectiveNameservers().size();
    Outcome failure = Outcome.TIMEOUT;
    for (int attempt = 0; attempt < conf.attempts(); attempt++) {
      long seconds = seconds(conf, attempt);
      for (int ns = 0; ns < servers; ns++) {
        Message query = Wire.query(qname, type, conf.has("edns0") ? GLIBC_EDNS_SIZE : 0);
        Message reply = Wire.exchange(server, query, Transport.UDP, seconds * 1000, exchanges);
        if (reply != null && reply.getHeader().getFlag(Flags.TC) && !lame(reply)) {
          reply = Wire.exchange(server, query, Transport.TCP, seconds * 1000, exchanges);
        }
        if (reply == null) {
          continue;
        }
        if (lame(reply)) {
          // res_send's next_ns: a lame answer is no answer, and after the last attempt the
          // search list ends as after a timeout (TRY_AGAIN without SERVFAIL).
          continue;
        }
        int rcode = reply.getRcode();
        if (rcode == Rcode.SERVFAIL) {
          failure = Outcome.SERVFAIL;
        } else if (rcode == Rcode.REFUSED || rcode == Rcode.NOTIMP || rcode == Rcode.FORMERR) {
          failure = Outcome.REFUSED;
        } else if (rcode == Rcode.NXDOMAIN) {
          return Result.failed(Outcome.NXDOMAIN);
        } else if (rcode == Rcode.NOERROR) {
          boolean any = reply.getHeader().getCount(Section.ANSWER) > 0;
          return any ? new Result(Outcome.ANSWER, List.of(reply)) : Result.failed(Outcome.NODATA);
        } else {
          failure = Outcome.REFUSED;
        }
      }
    }
    return Result.failed(failure);
  }
}
