package io.clusterdns.resolver;

import io.clusterdns.config.ResolvConf;
import io.clusterdns.plugin.Transport;
import io.clusterdns.resolver.Resolution.Outcome;
import io.clusterdns.resolver.SearchList.AsIs;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * dnsjava 3.x's {@code Lookup} with a fresh cache, the resolv.conf's search path and
 * {@code ndots}, and an {@code ExtendedResolver} over its name servers (what {@code
 * ResolverConfig} sets up):
 *
 * <ul>
 *   <li>A name with a trailing dot is queried as it is, only. A name with at least {@code ndots}
 *       dots is queried as it is first; then with each search domain; then as it is, always,
 *       even when tried first, unless it was NXDOMAIN then (the lookup's cache answers it).
 *   <li>NODATA ends the lookup ({@code TYPE_NOT_FOUND}); NXDOMAIN, SERVFAIL, REFUSED and a
 *       timeout go on to the next candidate. Without an answer the result is SERVFAIL if any
 *       reply was neither NOERROR nor NXDOMAIN, else a timeout if one timed out, else NXDOMAIN.
 *   <li>One query per candidate (a truncated reply is asked again over TCP); it waits
 *       {@code timeout} seconds, the {@code ExtendedResolver}'s timeout, and is not retried
 *       within it.
 * </ul>
 *
 * Not modelled: CNAME chains (ClusterDNS answers an ExternalName with the CNAME and its target,
 * which dnsjava takes as an answer), and the hosts file.
 */
final class DnsjavaResolver implements Resolver {
  private final ResolvConf conf;
  private final InetSocketAddress server;

  DnsjavaResolver(ResolvConf conf, InetSocketAddress server) {
    this.conf = conf;
    this.server = server;
  }

  @Override
  public Resolution lookup(String name, int type) {
    return walk(name, type, new HashSet<>());
  }

  /**
   * dnsjava's {@code Address.getAllByName}: an A lookup; then, if it answered or found the name
   * without A records, an AAAA lookup with the same cache, so candidates that were NXDOMAIN for A
   * are not asked again. Its answer is the A records then the AAAA records; a lookup without
   * either fails as the A lookup did.
   */
  @Override
  public AddressResolution lookupAddresses(String name) {
    Set<String> cachedNxdomain = new HashSet<>();
    Resolution a = walk(name, Type.A, cachedNxdomain);
    if (a.outcome() != Outcome.ANSWER && a.outcome() != Outcome.NODATA) {
      return new AddressResolution(name, a.exchanges(), a.outcome(), List.of());
    }
    Resolution aaaa = walk(name, Type.AAAA, cachedNxdomain);
    List<Exchange> exchanges = new ArrayList<>(a.exchanges());
    exchanges.addAll(aaaa.exchanges());
    List<Message> answers = new ArrayList<>();
    a.answer().ifPresent(answers::add);
    aaaa.answer().ifPresent(answers::add);
    return new AddressResolution(name, exchanges, answers.isEmpty() ? a.outcome() : Outcome.ANSWER, answers);
  }

  /**
   * One {@code Lookup.run()}, which asks no name twice after an NXDOMAIN; {@code cachedNxdomain}
   * stands for the cache's NXDOMAIN entries, which a later lookup sees too, and which need the
   * zone's SOA in the reply (ClusterDNS's cluster zone has one; another lookup asks an NXDOMAIN
   * without SOA again).
   */
  private Resolution walk(String name, int type, Set<String> cachedNxdomain) {
    List<Exchange> exchanges = new ArrayList<>();
    List<String> candidates = SearchList.candidates(LookupName.of(name), conf.ndots(), conf.search(), AsIs.ONLY,
        AsIs.FIRST_AND_LAST).stream().map(SearchList.Candidate::name).toList();
    boolean badResponse = false;
    boolean timedOut = false;
    Set<String> nxdomainThisRun = new HashSet<>();
    for (String candidate : candidates) {
      if (cachedNxdomain.contains(candidate) || nxdomainThisRun.contains(candidate)) {
        continue;
      }
      Message query = Wire.query(Wire.candidate(candidate), type, 0);
      long timeoutMillis = conf.timeout() * 1000L;
      Message reply = Wire.exchange(server, query, Transport.UDP, timeoutMillis, exchanges);
      if (reply != null && reply.getHeader().getFlag(Flags.TC)) {
        reply = Wire.exchange(server, query, Transport.TCP, timeoutMillis, exchanges);
      }
      if (reply == null) {
        timedOut = true;
        continue;
      }
      int rcode = reply.getRcode();
      if (rcode == Rcode.NXDOMAIN) {
        nxdomainThisRun.add(candidate);
        // dnsjava's cache keeps a negative answer only with the zone's SOA to time it.
        if (reply.getSection(Section.AUTHORITY).stream().anyMatch(r -> r.getType() == Type.SOA)) {
          cachedNxdomain.add(candidate);
        }
      } else if (rcode != Rcode.NOERROR) {
        badResponse = true;
      } else if (reply.getHeader().getCount(Section.ANSWER) > 0) {
        return new Resolution(name, type, exchanges, Outcome.ANSWER, Optional.of(reply));
      } else {
        return new Resolution(name, type, exchanges, Outcome.NODATA, Optional.empty());
      }
    }
    Outcome outcome = badResponse ? Outcome.SERVFAIL : timedOut ? Outcome.TIMEOUT : Outcome.NXDOMAIN;
    return new Resolution(name, type, exchanges, outcome, Optional.empty());
  }

}
