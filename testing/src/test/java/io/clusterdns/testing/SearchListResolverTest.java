package io.clusterdns.testing;

import io.clusterdns.resolver.AddressResolution;
import io.clusterdns.resolver.Resolver;
import io.clusterdns.resolver.ResolverBehaviour;
import io.clusterdns.resolver.Exchange;
import io.clusterdns.resolver.Resolution;
import static io.clusterdns.testing.Kube.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.PodResolvConf;
import io.clusterdns.config.ResolvConf;
import io.clusterdns.plugin.Transport;
import io.clusterdns.resolver.Resolution.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * glibc's search rules over real UDP to a test server shared by the class (which also checks that
 * a static extension puts faults and the cluster back before each test).
 */
class SearchListResolverTest {
  @RegisterExtension
  static final ClusterDnsExtension dns = new ClusterDnsExtension()
      .with(service("api").clusterIp("10.96.1.1"), service("api").namespace("other").clusterIp("10.96.1.2"))
      .podNamespace("default");

  /** A pod whose resolver gives up fast: one attempt of one second. */
  private static Resolver fast() {
    return resolver(Map.of("ndots", "5", "timeout", "1", "attempts", "1"));
  }

  private static Resolver resolver(Map<String, String> options) {
    ResolvConf conf = PodResolvConf.pod().dnsConfig(new PodResolvConf.DnsConfig(List.of(), List.of(), options)).build();
    return dns.server().resolver(conf, ResolverBehaviour.SEARCH_LIST);
  }

  @Test
  void aShortNameIsFoundWithTheFirstSearchDomain() {
    Resolution found = dns.resolver().lookup("api", Type.A);
    assertEquals(Outcome.ANSWER, found.outcome());
    assertEquals("10.96.1.1", found.addresses().get(0).getHostAddress());
    assertEquals(List.of("api.default.svc.cluster.local"), found.queriedNames());
  }

  @Test
  void aNameInAnotherNamespaceTakesTheSecondSearchDomain() {
    Resolution found = dns.resolver().lookup("api.other", Type.A);
    assertEquals(List.of("api.other.default.svc.cluster.local", "api.other.svc.cluster.local"), found.queriedNames());
    assertEquals("10.96.1.2", found.addresses().get(0).getHostAddress());
  }

  @Test
  void anExternalNameWithFewerDotsThanNdotsWalksTheWholeSearchListFirst() {
    Resolution notFound = dns.resolver().lookup("example.com", Type.A);
    assertEquals(List.of("example.com.default.svc.cluster.local", "example.com.svc.cluster.local",
        "example.com.cluster.local", "example.com"), notFound.queriedNames());
    assertEquals(Outcome.NXDOMAIN, notFound.outcome());
    dns.assertQueries().hasSize(4).allAnsweredWith(Rcode.NXDOMAIN);
  }

  @Test
  void aTrailingDotMeansTheNameAsItIsOnly() {
    Resolution found = dns.resolver().lookup("api.default.svc.cluster.local.", Type.A);
    assertEquals(List.of("api.default.svc.cluster.local"), found.queriedNames());
    assertEquals(Outcome.ANSWER, found.outcome());
  }

  @Test
  void enoughDotsMeansTheNameAsItIsFirst() {
    Resolution found = resolver(Map.of("ndots", "1")).lookup("api.default.svc.cluster.local", Type.A);
    assertEquals(List.of("api.default.svc.cluster.local"), found.queriedNames());
    Resolution viaSearch = resolver(Map.of("ndots", "1")).lookup("api.other", Type.A);
    assertEquals(List.of("api.other", "api.other.default.svc.cluster.local", "api.other.svc.cluster.local"),
        viaSearch.queriedNames());
  }

  @Test
  void nodataGoesOnAndIsTheOutcomeWhenNothingAnswers() {
    Resolution resolution = dns.resolver().lookup("api", Type.AAAA);
    assertEquals(4, resolution.exchanges().size(), resolution.exchanges()::toString);
    assertEquals(Outcome.NODATA, resolution.outcome());
    assertEquals(Rcode.NOERROR, resolution.exchanges().get(0).rcode());
  }

  @Test
  void servfailIsAskedAgainEachAttemptThenTheNextDomainIsTried() {
    dns.inject(Fault.on("api.other.default.svc.cluster.local").servfail());
    Resolution found = resolver(Map.of("ndots", "5", "attempts", "2")).lookup("api.other", Type.A);
    assertEquals(List.of("api.other.default.svc.cluster.local", "api.other.default.svc.cluster.local",
        "api.other.svc.cluster.local"), found.queriedNames());
    assertEquals(Outcome.ANSWER, found.outcome());
  }

  @Test
  void aServfailOutcomeWhenNoCandidateAnswers() {
    dns.inject(Fault.on("api.default.svc.cluster.local").servfail());
    Resolution failed = fast().lookup("api", Type.A);
    assertEquals(Outcome.SERVFAIL, failed.outcome());
    assertEquals(4, failed.exchanges().size(), failed.exchanges()::toString);
  }

  @Test
  void aTimeoutEndsTheSearchListAndOnlyTheNameAsItIsFollows() {
    // The A/AAAA timeout users meet: a dropped reply costs the whole timeout.
    dns.inject(Fault.on("api.default.svc.cluster.local").type(Type.AAAA).drop());
    Resolution resolution = fast().lookup("api", Type.AAAA);
    assertEquals(List.of("api.default.svc.cluster.local", "api"), resolution.queriedNames());
    assertTrue(resolution.exchanges().get(0).timedOut());
    assertTrue(resolution.exchanges().get(0).took().compareTo(Duration.ofMillis(950)) >= 0,
        resolution.exchanges()::toString);
    assertEquals(Outcome.NXDOMAIN, resolution.outcome());
  }

  @Test
  void aReplyWithAWrongIdIsIgnoredAndTheNextAttemptAnswers() {
    dns.inject(Fault.on("api.default.svc.cluster.local").wrongId().times(1));
    Resolution found = resolver(Map.of("ndots", "5", "timeout", "1", "attempts", "2")).lookup("api", Type.A);
    assertEquals(Outcome.ANSWER, found.outcome());
    assertEquals(2, found.exchanges().size());
    assertTrue(found.exchanges().get(0).timedOut());
    dns.assertQueries().named("api.default.svc.cluster.local").hasSize(2);
  }

  @Test
  void aTruncatedReplyIsAskedAgainOverTcp() {
    dns.inject(Fault.on("api.default.svc.cluster.local").truncate());
    Resolution found = dns.resolver().lookup("api", Type.A);
    assertEquals(List.of(Transport.UDP, Transport.TCP), found.exchanges().stream().map(Exchange::transport).toList());
    assertTrue(found.exchanges().get(0).truncated());
    assertEquals("10.96.1.1", found.addresses().get(0).getHostAddress());
  }

  @Test
  void aRefusedReplyEndsTheSearchList() {
    dns.inject(Fault.on("api.default.svc.cluster.local").refused());
    Resolution resolution = fast().lookup("api", Type.A);
    assertEquals(List.of("api.default.svc.cluster.local", "api"), resolution.queriedNames());
  }

  @Test
  void theClusterIsBackAsDeclaredInEveryTestOfTheClass() {
    assertEquals(2, dns.cluster().objects().size());
    dns.cluster().delete(service("api"));
    assertEquals(Outcome.NXDOMAIN, fast().lookup("api.default.svc.cluster.local.", Type.A).outcome());
  }

  @Test
  void theClusterIsBackAsDeclaredInEveryTestOfTheClassToo() {
    assertEquals(2, dns.cluster().objects().size());
    dns.cluster().delete(service("api"));
  }

  /**
   * The 5-second A/AAAA timeout, with one second: glibc waits for the lost AAAA, asks both again
   * in turn, then from a new socket, and answers with the A records after three timeouts.
   */
  @Test
  void aLostAaaaReplyCostsGlibcThreeTimeoutsAndTheAnswerIsA() {
    dns.inject(Fault.on("api.default.svc.cluster.local").type(Type.AAAA).drop());
    AddressResolution found = fast().lookupAddresses("api");
    assertEquals(Outcome.ANSWER, found.outcome());
    assertEquals(List.of("10.96.1.1"), found.addresses().stream().map(a -> a.getHostAddress()).toList());
    assertEquals(List.of("A", "AAAA", "A", "AAAA", "A", "AAAA"),
        found.exchanges().stream().map(e -> Type.string(e.type())).toList());
    assertEquals(3, found.exchanges().stream().filter(Exchange::timedOut).count());
    dns.assertQueries().named("api.default.svc.cluster.local").ofType(Type.AAAA).hasSize(3);
  }

  /** musl judges A and AAAA together: the lost AAAA fails the lookup although A was answered. */
  @Test
  void aLostAaaaReplyFailsAMuslLookup() {
    dns.inject(Fault.on("api.default.svc.cluster.local").type(Type.AAAA).drop());
    ResolvConf conf = PodResolvConf.pod().dnsConfig(new PodResolvConf.DnsConfig(List.of(), List.of(),
        Map.of("timeout", "1", "attempts", "1"))).build();
    AddressResolution failed = dns.server().resolver(conf, ResolverBehaviour.MUSL).lookupAddresses("api");
    assertEquals(Outcome.TIMEOUT, failed.outcome());
    assertEquals(List.of("api.default.svc.cluster.local"), failed.queriedNames().stream().distinct().toList());
  }
}
