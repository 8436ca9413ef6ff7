package io.clusterdns.resolver;

import io.clusterdns.config.ResolvConf;
import io.clusterdns.plugin.Transport;
import io.clusterdns.resolver.Resolution.Outcome;
import io.clusterdns.resolver.SearchListResolver.Result;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * glibc 2.36's {@code res_nsend} with two queries, A then AAAA, for one candidate of
 * getaddrinfo's {@code AF_UNSPEC} walk ({@code send_dg}):
 *
 * <ul>
 *   <li>Both are sent at once from one socket ({@code sendmmsg}); with {@code single-request}
 *       the AAAA only once the A reply came; with {@code single-request-reopen} also from a new
 *       socket. The wait for both replies is one {@code timeout} per server and attempt.
 *   <li>When the time runs out with one good reply and not the other (the dropped AAAA of
 *       conntrack races), glibc asks both again in turn, with the whole timeout again, and from
 *       then on keeps to {@code single-request} for the rest of the lookup; if that times out
 *       the same way, once more in turn from a new socket ({@code single-request-reopen}); after
 *       that it takes the one reply. So a dropped AAAA costs three timeouts, not one.
 *   <li>A SERVFAIL, REFUSED, NOTIMP or lame reply after a good one ends the wait with the good
 *       one; before it, the other reply is still awaited (in turn: nothing more is sent, so the
 *       round waits out its timeout). Both failing tries the next server and attempt.
 *   <li>A truncated reply sends both again over TCP.
 * </ul>
 */
final class GlibcPairSend {
  private final ResolvConf conf;
  private final InetSocketAddress server;
  private final List<Exchange> exchanges;
  /** RES_SNGLKUP and RES_SNGLKUPREOP: set by the options, or by a lost reply for good. */
  private boolean singleRequest;
  private boolean reopen;

  GlibcPairSend(ResolvConf conf, InetSocketAddress server, List<Exchange> exchanges) {
    this.conf = conf;
    this.server = server;
    this.exchanges = exchanges;
    this.reopen = conf.has("single-request-reopen");
    this.singleRequest = reopen || conf.has("single-request");
  }

  /** One round's end: the replies kept (null: none), a failure without any, or TC. */
  private record Round(Message[] replies, Outcome failure, boolean truncated) {
    static Round failed(Outcome failure) {
      return new Round(null, failure, false);
    }
  }

  /** Every server and attempt for one candidate, as {@code res_nsend} and {@code __res_context_query}. */
  Result query(String candidate) {
    Name qname = Wire.candidate(candidate);
    int ednsSize = conf.has("edns0") ? SearchListResolver.GLIBC_EDNS_SIZE : 0;
    Outcome failure = Outcome.TIMEOUT;
    for (int attempt = 0; attempt < conf.attempts(); attempt++) {
      long millis = SearchListResolver.seconds(conf, attempt) * 1000;
      for (int ns = 0; ns < conf.effectiveNameservers().size(); ns++) {
        Message[] queries = {Wire.query(qname, Type.A, ednsSize), Wire.query(qname, Type.AAAA, ednsSize)};
        Round round = sendDg(queries, millis);
        if (round.truncated()) {
          round = sendVc(queries, millis);
        }
        if (round.replies() != null) {
          return decide(round.replies());
        }
        if (round.failure() != Outcome.TIMEOUT) {
          failure = round.failure();
        }
      }
    }
    return Result.failed(failure);
  }

  /** {@code send_dg} for the pair at one server. */
  private Round sendDg(Message[] queries, long millis) {
    UdpSession session = session(queries);
    try {
      // resplen > 1: the first reply of a round was a good one; kept across the retries.
      boolean firstGood = false;
      while (true) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        Message[] replies = new Message[2];
        boolean[] received = new boolean[2];
        Outcome failure = Outcome.TIMEOUT;
        session.send(0);
        if (!singleRequest) {
          session.send(1);
        }
        boolean retry = false;
        while (!retry) {
          Message reply = session.receive(deadline);
          if (reply == null) {
            if (!firstGood || !(received[0] || received[1])) {
              return Round.failed(failure);
            }
            if (!singleRequest) {
              singleRequest = true;
            } else if (!reopen) {
              reopen = true;
              session.close();
              session = session(queries);
            } else {
              return new Round(replies, null, false);
            }
            retry = true;
            continue;
          }
          int index = session.match(reply, true);
          if (index < 0 || received[index]) {
            continue;
          }
          session.answered(index, reply);
          int rcode = reply.getRcode();
          boolean failed = rcode == Rcode.SERVFAIL || rcode == Rcode.NOTIMP || rcode == Rcode.REFUSED;
          if (failed || SearchListResolver.lame(reply)) {
            if (received[0] || received[1]) {
              return keptOrFailed(replies, failure);
            }
            received[index] = true;
            firstGood = false;
            if (failed) {
              failure = rcode == Rcode.SERVFAIL ? Outcome.SERVFAIL : Outcome.REFUSED;
            }
            continue;
          }
          if (reply.getHeader().getFlag(Flags.TC)) {
            return new Round(null, null, true);
          }
          firstGood |= !(received[0] || received[1]);
          received[index] = true;
          replies[index] = reply;
          if (received[0] && received[1]) {
            return new Round(replies, null, false);
          }
          if (singleRequest) {
            if (reopen) {
              session.close();
              session = session(queries);
            }
            session.send(1 - index);
          }
        }
      }
    } finally {
      session.close();
    }
  }

  private UdpSession session(Message[] queries) {
    UdpSession session = new UdpSession(server, exchanges);
    session.add(queries[0]);
    session.add(queries[1]);
    return session;
  }

  /** {@code send_vc}: both queries over TCP, one after the other. */
  private Round sendVc(Message[] queries, long millis) {
    Message[] replies = new Message[2];
    Outcome failure = Outcome.TIMEOUT;
    for (int i = 0; i < 2; i++) {
      Message reply = Wire.exchange(server, queries[i], Transport.TCP, millis, exchanges);
      if (reply == null) {
        return Round.failed(Outcome.TIMEOUT);
      }
      int rcode = reply.getRcode();
      if (rcode == Rcode.SERVFAIL) {
        failure = Outcome.SERVFAIL;
      } else if (rcode == Rcode.REFUSED || rcode == Rcode.NOTIMP) {
        failure = Outcome.REFUSED;
      } else {
        replies[i] = reply;
      }
    }
    return keptOrFailed(replies, failure);
  }

  private static Round keptOrFailed(Message[] replies, Outcome failure) {
    return replies[0] == null && replies[1] == null ? Round.failed(failure) : new Round(replies, null, false);
  }

  /**
   * {@code __res_context_query} on the replies kept: an answer if either has records; else the A
   * reply's rcode, or the AAAA reply's when that was NOERROR. (glibc takes the reply received
   * first for A's; the test server answers A first.)
   */
  private static Result decide(Message[] replies) {
    List<Message> answers = new ArrayList<>();
    for (Message reply : replies) {
      if (reply != null && reply.getRcode() == Rcode.NOERROR && reply.getHeader().getCount(Section.ANSWER) > 0) {
        answers.add(reply);
      }
    }
    if (!answers.isEmpty()) {
      return new Result(Outcome.ANSWER, answers);
    }
    List<Message> kept = Arrays.stream(replies).filter(Objects::nonNull).toList();
    Message first = kept.get(0);
    Message second = kept.get(kept.size() - 1);
    int rcode = first.getRcode() == Rcode.NOERROR ? second.getRcode() : first.getRcode();
    return Result.failed(switch (rcode) {
      case Rcode.NXDOMAIN -> Outcome.NXDOMAIN;
      case Rcode.SERVFAIL -> Outcome.SERVFAIL;
      case Rcode.NOERROR -> Outcome.NODATA;
      default -> Outcome.REFUSED;
    });
  }
}
