package io.clusterdns.resolver;

import io.clusterdns.config.ResolvConf;
import io.clusterdns.plugin.Transport;
import io.clusterdns.resolver.Resolution.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
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
 * Every name server stands for the test server, so the parallel queries to several name servers
 * are one query here. The options {@code single-request}, {@code edns0} and {@code rotate} do
 * not exist in musl and change nothing.
 */
final class MuslResolver implements Resolver {
  /** musl caps {@code ndots} at 15, {@code timeout} at 60 s and {@code attempts} at 10. */
  private static final int MAX_TIMEOUT = 60;
  private static final int MAX_ATTEMPTS = 10;
  /** Immediate resends of a SERVFAIL per round, for one query ({@code 2 * nqueries}). */
  private static final int SERVFAIL_RETRIES = 2;
  private static final int MAX_MESSAGE = 65535;

  private final ResolvConf conf;
  private final InetSocketAddress server;

  MuslResolver(ResolvConf conf, InetSocketAddress server) {
    this.conf = conf;
    this.server = server;
  }

  @Override
  public Resolution lookup(String name, int type) {
    List<Exchange> exchanges = new ArrayList<>();
    LookupName asked = LookupName.of(name);
    if (!asked.absolute() && asked.dots() < conf.ndots()) {
      for (String domain : conf.search()) {
        Candidate tried = query(asked.under(domain), type, exchanges);
        if (tried.outcome != Outcome.NXDOMAIN) {
          return tried.resolution(name, type, exchanges);
        }
      }
    }
    return query(asked.bare(), type, exchanges).resolution(name, type, exchanges);
  }

  /** What one candidate came to, and the reply when it is an answer. */
  private record Candidate(Outcome outcome, Message reply) {
    Resolution resolution(String name, int type, List<Exchange> exchanges) {
      return new Resolution(name, type, exchanges, outcome,
          outcome == Outcome.ANSWER ? Optional.of(reply) : Optional.empty());
    }
  }

  /** {@code __res_msend_rc} for one query: rounds of sends within one overall timeout. */
  private Candidate query(String candidate, int type, List<Exchange> exchanges) {
    Name qname;
    try {
      qname = Name.fromString(candidate + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: '" + candidate + "': " + e.getMessage(), e);
    }
    byte[] wire = Wire.query(qname, type, 0).toWire();
    long timeoutNanos = Math.min(conf.timeout(), MAX_TIMEOUT) * 1_000_000_000L;
    long intervalNanos = timeoutNanos / Math.min(conf.attempts(), MAX_ATTEMPTS);
    Outcome failure = Outcome.TIMEOUT;
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.connect(server);
      long start = System.nanoTime();
      long roundStart = start;
      int servfailRetries = SERVFAIL_RETRIES;
      Send sent = send(socket, wire);
      byte[] buffer = new byte[MAX_MESSAGE];
      while (true) {
        long now = System.nanoTime();
        if (now - start >= timeoutNanos) {
          sent.report(exchanges, qname, type);
          return new Candidate(failure, null);
        }
        if (now - roundStart >= intervalNanos) {
          sent.report(exchanges, qname, type);
          roundStart = now;
          servfailRetries = SERVFAIL_RETRIES;
          sent = send(socket, wire);
          continue;
        }
        long waitNanos = Math.min(roundStart + intervalNanos, start + timeoutNanos) - now;
        socket.setSoTimeout((int) Math.max(1, waitNanos / 1_000_000));
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
        } catch (SocketTimeoutException | PortUnreachableException e) {
          continue;
        }
        Message reply = parse(buffer, packet.getLength());
        if (reply == null || reply.getHeader().getID() != ((wire[0] & 0xff) << 8 | (wire[1] & 0xff))) {
          continue;
        }
        if (sent.pending) {
          exchanges.add(sent.answered(qname, type, reply));
        }
        int rcode = reply.getRcode();
        if (rcode == Rcode.NOERROR) {
          boolean any = reply.getHeader().getCount(Section.ANSWER) > 0;
          return new Candidate(any ? Outcome.ANSWER : Outcome.NODATA, reply);
        }
        if (rcode == Rcode.NXDOMAIN) {
          return new Candidate(Outcome.NXDOMAIN, reply);
        }
        // Ignored replies leave the query unanswered: musl goes on waiting for the same query.
        failure = rcode == Rcode.SERVFAIL ? Outcome.SERVFAIL : Outcome.REFUSED;
        if (rcode == Rcode.SERVFAIL && servfailRetries > 0) {
          servfailRetries--;
          sent = send(socket, wire);
        } else {
          sent = sent.again();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("UDP query to " + server, e);
    }
  }

  private static Send send(DatagramSocket socket, byte[] wire) throws IOException {
    socket.send(new DatagramPacket(wire, wire.length));
    return new Send(System.nanoTime(), true);
  }

  /**
   * One datagram sent, to be reported once as an {@link Exchange}: {@code pending} is false once
   * its reply was reported and the resolver only goes on waiting.
   */
  private record Send(long at, boolean pending) {
    Send again() {
      return new Send(at, false);
    }

    Exchange answered(Name qname, int type, Message reply) {
      return new Exchange(qname.toString(true), type, Transport.UDP, reply.getRcode(),
          reply.getHeader().getFlag(Flags.TC), reply.getHeader().getCount(Section.ANSWER),
          Duration.ofNanos(System.nanoTime() - at));
    }

    /** Reports this send as timed out, unless its reply was reported already. */
    void report(List<Exchange> exchanges, Name qname, int type) {
      if (pending) {
        exchanges.add(timedOut(qname, type));
      }
    }

    private Exchange timedOut(Name qname, int type) {
      return new Exchange(qname.toString(true), type, Transport.UDP, -1, false, 0,
          Duration.ofNanos(System.nanoTime() - at));
    }
  }

  private static Message parse(byte[] buffer, int length) {
    try {
      return new Message(java.util.Arrays.copyOf(buffer, length));
    } catch (IOException e) {
      return null;
    }
  }
}
