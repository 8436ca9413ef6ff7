package io.clusterdns.resolver;

import io.clusterdns.config.ResolvConf;
import io.clusterdns.resolver.Resolution.Outcome;
import java.net.InetSocketAddress;
import io.clusterdns.resolver.SearchList.AsIs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * musl 1.2.3's {@code getaddrinfo} for one address family ({@code name_from_dns_search} and
 * {@code __res_msend_rc}), as Alpine-based images resolve:
 *
 * <ul>
 *   <li>A name with a trailing dot, or with at least {@code ndots} dots, is queried as it is,
 *       only: no search list at all.
 *   <li>Otherwise each search domain is appended in order, then the name as it is. Only NXDOMAIN
 *       goes on to the next candidate: an answer, NODATA ({@code EAI_NODATA}), SERVFAIL or a
 *       timeout ({@code EAI_AGAIN}) ends the lookup at that candidate.
 *   <li>One query waits {@code timeout} seconds in all (not per attempt), sent again every
 *       {@code timeout / attempts}. A SERVFAIL reply is never accepted: it is asked again at once,
 *       at most twice per round, and otherwise ignored, so the candidate times out. REFUSED and
 *       other rcodes are ignored too, as is a reply with a wrong ID.
 *   <li>A truncated reply is taken as it is (musl 1.2.3 does not retry over TCP): its empty
 *       answer section is NODATA.
 * </ul>
 *
 * {@link #lookupAddresses} ({@code getaddrinfo} with {@code AF_UNSPEC}) sends A and AAAA at once
 * from one socket and waits for both within the same overall timeout, each resent every round
 * until answered (SERVFAIL resends: {@code 2 * 2} per round for the pair). The candidate is then
 * judged A first: no reply (a timeout, or SERVFAIL waited out) ends the lookup with
 * {@code EAI_AGAIN}, NXDOMAIN goes on to the next candidate; then AAAA the same way. So a
 * dropped AAAA reply fails the whole lookup after {@code timeout} seconds even though A was
 * answered. With both replies, records of either type are the answer; none is NODATA, which ends
 * the lookup.
 *
 * <p>Every name server stands for the test server, so the parallel queries to several name servers
 * are one query here. The options {@code single-request}, {@code edns0} and {@code rotate} do
 * not exist in musl and change nothing.
 */
final class MuslResolver implements Resolver {
  /** musl caps {@code ndots} at 15, {@code timeout} at 60 s and {@code attempts} at 10. */
  private static final int MAX_TIMEOUT = 60;
  private static final int MAX_ATTEMPTS = 10;

  private final ResolvConf conf;
  private final InetSocketAddress server;

  MuslResolver(ResolvConf conf, InetSocketAddress server) {
    this.conf = conf;
    this.server = server;
  }

  @Override
  public Resolution lookup(String name, int type) {
    List<Exchange> exchanges = new ArrayList<>();
    Candidate last = null;
    for (String candidate : candidates(name)) {
      last = judge(send(candidate, new int[] {type}, exchanges));
      if (last.outcome() != Outcome.NXDOMAIN) {
        break;
      }
    }
    return new Resolution(name, type, exchanges, last.outcome(), last.answers().stream().findFirst());
  }

  @Override
  public AddressResolution lookupAddresses(String name) {
    List<Exchange> exchanges = new ArrayList<>();
    Candidate last = null;
    for (String candidate : candidates(name)) {
      last = judge(send(candidate, new int[] {Type.A, Type.AAAA}, exchanges));
      if (last.outcome() != Outcome.NXDOMAIN) {
        break;
      }
    }
    return new AddressResolution(name, exchanges, last.outcome(), last.answers());
  }

  /** {@code name_from_dns_search}: no search list with a trailing dot or {@code ndots} dots. */
  private List<String> candidates(String name) {
    return SearchList.candidates(LookupName.of(name), conf.ndots(), conf.search(), AsIs.ONLY, AsIs.ONLY).stream()
        .map(SearchList.Candidate::name).toList();
  }

  /** What one candidate came to, and the replies with records when it is an answer. */
  private record Candidate(Outcome outcome, List<Message> answers) {}

  /** Each query's accepted reply (NOERROR or NXDOMAIN; null: none), and why not when none. */
  private record Replies(Message[] replies, Outcome[] failures) {}

  /**
   * {@code name_from_dns}: the replies in query order; no reply ends the lookup, NXDOMAIN goes
   * on; then records of any type answer, and none is NODATA.
   */
  private static Candidate judge(Replies sent) {
    List<Message> answers = new ArrayList<>();
    for (int i = 0; i < sent.replies().length; i++) {
      Message reply = sent.replies()[i];
      if (reply == null) {
        return new Candidate(sent.failures()[i], List.of());
      }
      if (reply.getRcode() == Rcode.NXDOMAIN) {
        return new Candidate(Outcome.NXDOMAIN, List.of());
      }
      if (reply.getHeader().getCount(Section.ANSWER) > 0) {
        answers.add(reply);
      }
    }
    return new Candidate(answers.isEmpty() ? Outcome.NODATA : Outcome.ANSWER, answers);
  }

  /** {@code __res_msend_rc}: the queries at once, in rounds of resends within one overall timeout. */
  private Replies send(String candidate, int[] types, List<Exchange> exchanges) {
    Name qname = Wire.candidate(candidate);
    long timeoutNanos = Math.min(conf.timeout(), MAX_TIMEOUT) * 1_000_000_000L;
    long intervalNanos = timeoutNanos / Math.min(conf.attempts(), MAX_ATTEMPTS);
    Message[] replies = new Message[types.length];
    Outcome[] failures = new Outcome[types.length];
    Arrays.fill(failures, Outcome.TIMEOUT);
    try (UdpSession session = new UdpSession(server, exchanges)) {
      for (int type : types) {
        Message query = Wire.query(qname, type, 0);
        // musl keeps the IDs of one lookup's queries apart.
        if (session.match(query, false) >= 0) {
          query.getHeader().setID((query.getHeader().getID() + 1) & 0xFFFF);
        }
        session.add(query);
      }
      long start = System.nanoTime();
      long roundStart = start - intervalNanos;
      int servfailRetries = 0;
      for (long now = start; now - start < timeoutNanos; now = System.nanoTime()) {
        if (now - roundStart >= intervalNanos) {
          for (int i = 0; i < types.length; i++) {
            if (replies[i] == null) {
              session.send(i);
            }
          }
          roundStart = now;
          servfailRetries = 2 * types.length;
        }
        Message reply = session.receive(Math.min(roundStart + intervalNanos, start + timeoutNanos));
        int i = reply == null ? -1 : session.match(reply, false);
        if (i < 0 || replies[i] != null) {
          continue;
        }
        session.answered(i, reply);
        int rcode = reply.getRcode();
        if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
          replies[i] = reply;
          if (Arrays.stream(replies).allMatch(r -> r != null)) {
            break;
          }
        } else if (rcode == Rcode.SERVFAIL) {
          // Never accepted: asked again at once while this round allows, else waited out.
          failures[i] = Outcome.SERVFAIL;
          if (servfailRetries > 0) {
            servfailRetries--;
            session.send(i);
          }
        } else {
          failures[i] = Outcome.REFUSED;
        }
      }
    }
    return new Replies(replies, failures);
  }

}
