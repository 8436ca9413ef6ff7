package io.clusterdns.plugin.forward;

import static io.clusterdns.plugin.forward.Upstreams.request;
import static io.clusterdns.plugin.forward.Upstreams.txt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.testkit.DaemonProcess;
import io.clusterdns.plugin.testkit.LoopbackPorts;
import io.clusterdns.plugin.testkit.Nsd;
import io.clusterdns.plugin.testkit.Queries;
import io.clusterdns.plugin.testkit.RecordingChain;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Forwarding to two real NSD servers on 127.0.0.1, over UDP, TCP and pooled connections. */
class ForwardNsdTest {
  @TempDir static Path dir;
  private static DaemonProcess a;
  private static DaemonProcess b;
  private final MutableClock clock = new MutableClock();
  @RegisterExtension final Upstreams upstreams = new Upstreams(dir, clock);

  @BeforeAll
  static void startNsd() {
    a = nsd("a", "example.org", "who");
    // b serves example.net too, where a answers REFUSED (not its zone): for failover.
    b = nsd("b", "example.net", "who");
  }

  private static DaemonProcess nsd(String name, String extraZone, String label) {
    String[] records = Upstreams.exampleOrg(label + " IN TXT \"" + name + "\"");
    Map<String, String> zones = extraZone.equals("example.net")
        ? Map.of("example.org", Nsd.zone("example.org", records), "example.net", Nsd.zone("example.net", "www IN A 192.0.2.2"))
        : Map.of("example.org", Nsd.zone("example.org", records));
    InetAddress loopback = InetAddress.getLoopbackAddress();
    return Nsd.on(dir.resolve(name), loopback, LoopbackPorts.free(loopback), zones).start();
  }

  @AfterAll
  static void stopNsd() {
    a.stop();
    b.stop();
  }

  private ForwardHandler handler(String snippet) throws Exception {
    return upstreams.handler(snippet);
  }

  private static String to(DaemonProcess nsd) {
    return "127.0.0.1:" + nsd.address().getPort();
  }

  @Test
  void udpAnswerKeepsTheClientsIdAndSpelling() throws Exception {
    ForwardHandler forward = handler("forward . " + to(a));

    Message reply = forward.serve(request("WwW.ExAmPlE.oRg.", Type.A, 4242, Transport.UDP), RecordingChain.answering());

    assertEquals(Rcode.NOERROR, reply.getRcode());
    assertEquals(4242, reply.getHeader().getID());
    assertEquals("WwW.ExAmPlE.oRg.", reply.getQuestion().getName().toString());
    assertEquals(Type.A, reply.getQuestion().getType());
    assertEquals("192.0.2.1", reply.getSection(Section.ANSWER).get(0).rdataToString());
    assertTrue(reply.getHeader().getFlag(Flags.AA), "NSD's own flags come through");
  }

  @Test
  void forceTcpReusesOnePooledConnectionUntilItExpires() throws Exception {
    ForwardHandler forward = handler("forward . " + to(a) + " {\n force_tcp\n expire 10s\n}");
    String label = to(a);
    double hits = ForwardMetrics.CONN_CACHE_HITS.labelValues("forward", label, "tcp").get();
    double misses = ForwardMetrics.CONN_CACHE_MISSES.labelValues("forward", label, "tcp").get();

    for (int id = 1; id <= 3; id++) {
      Message reply = forward.serve(request("www.EXAMPLE.org.", Type.A, id, Transport.UDP), RecordingChain.answering());
      assertEquals(id, reply.getHeader().getID());
      assertEquals("www.EXAMPLE.org.", reply.getQuestion().getName().toString());
      assertEquals("192.0.2.1", reply.getSection(Section.ANSWER).get(0).rdataToString());
    }
    assertEquals(misses + 1, ForwardMetrics.CONN_CACHE_MISSES.labelValues("forward", label, "tcp").get());
    assertEquals(hits + 2, ForwardMetrics.CONN_CACHE_HITS.labelValues("forward", label, "tcp").get());
    assertEquals(1, forward.upstreams().get(0).pool().idleCount());

    clock.advance(Duration.ofSeconds(11));
    forward.serve(request("www.example.org.", Type.A, 9, Transport.UDP), RecordingChain.answering());
    assertEquals(misses + 2, ForwardMetrics.CONN_CACHE_MISSES.labelValues("forward", label, "tcp").get(),
        "an expired connection is not reused");

    clock.advance(Duration.ofSeconds(11));
    forward.upstreams().get(0).pool().sweep();
    assertEquals(0, forward.upstreams().get(0).pool().idleCount(), "the sweep closes idle connections");
  }

  @Test
  void tcpClientsAreForwardedOverTcpUnlessPreferUdp() throws Exception {
    String label = to(b);
    ForwardHandler plain = handler("forward . " + label);
    ForwardHandler preferUdp = handler("forward . " + label + " {\n prefer_udp\n}");
    double misses = ForwardMetrics.CONN_CACHE_MISSES.labelValues("forward", label, "tcp").get();
    double hits = ForwardMetrics.CONN_CACHE_HITS.labelValues("forward", label, "tcp").get();

    assertEquals(Rcode.NOERROR, preferUdp.serve(request("www.example.org.", Type.A, 1, Transport.TCP), RecordingChain.answering()).getRcode());
    assertEquals(misses, ForwardMetrics.CONN_CACHE_MISSES.labelValues("forward", label, "tcp").get());
    assertEquals(Rcode.NOERROR, plain.serve(request("www.example.org.", Type.A, 2, Transport.TCP), RecordingChain.answering()).getRcode());
    assertEquals(misses + 1 + hits, ForwardMetrics.CONN_CACHE_MISSES.labelValues("forward", label, "tcp").get()
        + ForwardMetrics.CONN_CACHE_HITS.labelValues("forward", label, "tcp").get());
  }

  @Test
  void truncatedUdpReplyIsAskedAgainOverTcp() throws Exception {
    ForwardHandler forward = handler("forward . " + to(a));
    Message query = request("big.example.org.", Type.TXT, 77, Transport.UDP).query();
    assertTrue(query.getOPT() == null, "no EDNS0: NSD has 512 bytes over UDP");
    double tcpBefore = tcpConnections(to(a));

    Message reply = forward.serve(request("big.example.org.", Type.TXT, 77, Transport.UDP), RecordingChain.answering());

    assertEquals(Rcode.NOERROR, reply.getRcode());
    assertFalse(reply.getHeader().getFlag(Flags.TC));
    assertEquals(Upstreams.BIG_RRSET, reply.getSection(Section.ANSWER).size());
    assertEquals(77, reply.getHeader().getID());
    assertEquals(tcpBefore + 1, tcpConnections(to(a)), "the second try went over TCP");
  }

  private static double tcpConnections(String label) {
    return ForwardMetrics.CONN_CACHE_MISSES.labelValues("forward", label, "tcp").get()
        + ForwardMetrics.CONN_CACHE_HITS.labelValues("forward", label, "tcp").get();
  }

  @Test
  void sequentialAlwaysAsksTheFirstAndRoundRobinTakesTurns() throws Exception {
    ForwardHandler sequential = handler("forward . " + to(a) + " " + to(b) + " {\n policy sequential\n}");
    ForwardHandler roundRobin = handler("forward . " + to(a) + " " + to(b) + " {\n policy round_robin\n}");

    for (int i = 0; i < 4; i++) {
      assertEquals("a", txt(sequential.serve(request("who.example.org.", Type.TXT, i, Transport.UDP), RecordingChain.answering())));
    }
    String previous = txt(roundRobin.serve(request("who.example.org.", Type.TXT, 1, Transport.UDP), RecordingChain.answering()));
    for (int i = 0; i < 4; i++) {
      String current = txt(roundRobin.serve(request("who.example.org.", Type.TXT, i, Transport.UDP), RecordingChain.answering()));
      assertEquals(previous.equals("a") ? "b" : "a", current, "round robin alternates");
      previous = current;
    }
  }

  @Test
  void randomPolicyUsesEveryUpstream() throws Exception {
    ForwardHandler random = handler("forward . " + to(a) + " " + to(b));
    Set<String> seen = new HashSet<>();
    // Both are seen within 60 queries unless the shuffle is broken (chance 2^-59).
    for (int i = 0; i < 60 && seen.size() < 2; i++) {
      seen.add(txt(random.serve(request("who.example.org.", Type.TXT, i, Transport.UDP), RecordingChain.answering())));
    }
    assertEquals(Set.of("a", "b"), seen);
  }

  @Test
  void failoverTriesTheNextUpstreamOnTheListedRcodes() throws Exception {
    ForwardHandler failover = handler("forward . " + to(a) + " " + to(b) + " {\n policy sequential\n failover REFUSED\n}");
    ForwardHandler plain = handler("forward . " + to(a) + " " + to(b) + " {\n policy sequential\n}");

    Message viaB = failover.serve(request("www.example.net.", Type.A, 5, Transport.UDP), RecordingChain.answering());
    Message fromA = plain.serve(request("www.example.net.", Type.A, 5, Transport.UDP), RecordingChain.answering());

    assertEquals(Rcode.NOERROR, viaB.getRcode());
    assertEquals("192.0.2.2", viaB.getSection(Section.ANSWER).get(0).rdataToString());
    assertEquals(Rcode.REFUSED, fromA.getRcode(), "NSD refuses a zone it does not serve");
  }

  @Test
  void nextRcodesAndExceptedNamesGoToTheNextPlugin() throws Exception {
    ForwardHandler next = handler("forward . " + to(a) + " {\n next NXDOMAIN\n except internal.example.org\n}");

    RecordingChain chain = RecordingChain.answering();
    assertEquals(RecordingChain.NEXT_RCODE,
        next.serve(request("nothing.example.org.", Type.A, 1, Transport.UDP), chain).getRcode());
    assertEquals(RecordingChain.NEXT_RCODE,
        next.serve(request("db.Internal.example.org.", Type.A, 2, Transport.UDP), chain).getRcode());
    assertEquals(Rcode.NOERROR, next.serve(request("www.example.org.", Type.A, 3, Transport.UDP), chain).getRcode());
    assertEquals(2, chain.calls());
  }

  @Test
  void namesOutsideFromAreNotForwarded() throws Exception {
    ForwardHandler forward = handler("forward example.org " + to(a));
    RecordingChain chain = RecordingChain.answering();

    assertEquals(RecordingChain.NEXT_RCODE, forward.serve(Queries.request("example.com.", Type.A), chain).getRcode());
    assertEquals(Rcode.NOERROR, forward.serve(Queries.request("www.example.org.", Type.A), chain).getRcode());
    assertEquals(1, chain.calls());
  }

  @Test
  void requestDurationIsObservedPerUpstreamAndRcode() throws Exception {
    ForwardHandler forward = handler("forward . " + to(a));
    var point = ForwardMetrics.REQUEST_DURATION.labelValues("forward", to(a), "NXDOMAIN");
    long before = point.getCount();

    forward.serve(request("nothing.example.org.", Type.A, 1, Transport.UDP), RecordingChain.answering());

    assertEquals(before + 1, point.getCount());
  }
}
