package io.clusterdns.resolver;

import io.clusterdns.config.ResolvConf;
import io.clusterdns.plugin.Transport;
import io.clusterdns.resolver.Resolution.Outcome;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

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
 * Every name server of the resolv.conf is the test server; {@code options edns0} adds OPT with
 * size 1200 as glibc does. Not modelled: getaddrinfo's parallel A and AAAA (single-request,
 * single-request-reopen), rotate, and the domain of the host name when no search line is given.
 */
final class SearchListResolver implements Resolver {
  private static final int GLIBC_EDNS_SIZE = 1200;

  private final ResolvConf conf;
  private final InetSocketAddress server;

  SearchListResolver(ResolvConf conf, InetSocketAddress server) {
    this.conf = conf;
    this.server = server;
  }

  @Override
  public Resolution lookup(String name, int type) {
    List<Exchange> exchanges = new ArrayList<>();
    LookupName asked = LookupName.of(name);
    boolean absolute = asked.absolute();
    String bare = asked.bare();
    Outcome saved = null;
    boolean triedAsIs = false;
    if (absolute || asked.dots() >= conf.ndots()) {
      Result asIs = query(bare, type, exchanges);
      if (asIs.outcome == Outcome.ANSWER) {
        return asIs.resolution(name, type, exchanges);
      }
      saved = asIs.outcome;
      triedAsIs = true;
    }
    boolean nodata = false;
    boolean servfail = false;
    boolean rootOnList = false;
    Result last = null;
    if (!absolute) {
      for (String domain : conf.search()) {
        String suffix = LookupName.withoutFinalDot(domain.startsWith(".") ? domain.substring(1) : domain);
        if (suffix.isEmpty()) {
          rootOnList = true;
          continue;
        }
        last = query(bare + "." + suffix, type, exchanges);
        if (last.outcome == Outcome.ANSWER) {
          return last.resolution(name, type, exchanges);
        }
        if (last.outcome == Outcome.NODATA) {
          nodata = true;
        } else if (last.outcome == Outcome.SERVFAIL) {
          servfail = true;
        } else if (last.outcome != Outcome.NXDOMAIN) {
          break;
        }
      }
    }
    if (!triedAsIs && !rootOnList) {
      last = query(bare, type, exchanges);
      if (last.outcome == Outcome.ANSWER) {
        return last.resolution(name, type, exchanges);
      }
    }
    Outcome outcome = saved != null ? saved
        : nodata ? Outcome.NODATA
        : servfail ? Outcome.SERVFAIL
        : last != null ? last.outcome : Outcome.NXDOMAIN;
    return new Resolution(name, type, exchanges, outcome, Optional.empty());
  }

  /** What one candidate came to, and the reply when it is an answer. */
  private record Result(Outcome outcome, Message reply) {
    Resolution resolution(String name, int type, List<Exchange> exchanges) {
      return new Resolution(name, type, exchanges, outcome, Optional.of(reply));
    }
  }

  /**
   * glibc's lame answer ({@code send_dg}, checked before TC): NOERROR with no answer, no
   * additional records, and neither AA nor RA.
   */
  private static boolean lame(Message reply) {
    return reply.getRcode() == Rcode.NOERROR
        && reply.getHeader().getCount(Section.ANSWER) == 0
        && reply.getHeader().getCount(Section.ADDITIONAL) == 0
        && !reply.getHeader().getFlag(Flags.AA)
        && !reply.getHeader().getFlag(Flags.RA);
  }

  /** {@code res_nquery} and {@code res_nsend}: one candidate, every server and attempt. */
  private Result query(String candidate, int type, List<Exchange> exchanges) {
    Name qname;
    try {
      qname = Name.fromString(candidate.isEmpty() ? "." : candidate + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: '" + candidate + "': " + e.getMessage(), e);
    }
    int servers = conf.effectiveNameservers().size();
    Outcome failure = Outcome.TIMEOUT;
    for (int attempt = 0; attempt < conf.attempts(); attempt++) {
      long seconds = (long) conf.timeout() << attempt;
      if (attempt > 0) {
        seconds = Math.max(1, seconds / servers);
      }
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
          return new Result(Outcome.NXDOMAIN, reply);
        } else if (rcode == Rcode.NOERROR) {
          boolean any = reply.getHeader().getCount(Section.ANSWER) > 0;
          return new Result(any ? Outcome.ANSWER : Outcome.NODATA, reply);
        } else {
          failure = Outcome.REFUSED;
        }
      }
    }
    return new Result(failure, null);
  }
}
