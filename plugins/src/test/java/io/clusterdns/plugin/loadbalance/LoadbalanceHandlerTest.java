package io.clusterdns.plugin.loadbalance;

import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import io.clusterdns.plugin.testkit.Queries;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class LoadbalanceHandlerTest {
  private static final long SEED = 20261201L;
  private final Random random = new Random(SEED);

  LoadbalanceHandlerTest() {
    System.out.println("LoadbalanceHandlerTest seed " + SEED);
  }

  private LoadbalanceHandler handler(String snippet) throws CorefileException {
    return new LoadbalanceHandler(
        new RoundRobin(LoadbalanceSetup.parse(directive(snippet), new FakeSetupContext(".")).prefer()), () -> random);
  }

  /** A next plugin that answers with these records, in this order, in a fresh reply each time. */
  private static Chain answering(int rcode, String[] answer, String... additional) {
    return request -> {
      Message reply = Replies.authoritative(request);
      reply.getHeader().setRcode(rcode);
      for (String line : answer) {
        reply.addRecord(Queries.record(line), Section.ANSWER);
      }
      for (String line : additional) {
        reply.addRecord(Queries.record(line), Section.ADDITIONAL);
      }
      return reply;
    };
  }


  private static String[] lines(String... lines) {
    return lines;
  }

  @Test
  void addressesComeBackInEveryOrderOverManyQueries() throws Exception {
    LoadbalanceHandler handler = handler("loadbalance");
    Chain next = answering(Rcode.NOERROR, lines("a.test. A 10.0.0.1", "a.test. A 10.0.0.2", "a.test. A 10.0.0.3"));
    Set<List<String>> orders = new HashSet<>();
    for (int i = 0; i < 60; i++) {
      List<String> order = Queries.answers(handler.serve(Queries.request("a.test.", Type.A), next));
      assertEquals(Set.of("a.test. 30 IN A 10.0.0.1", "a.test. 30 IN A 10.0.0.2", "a.test. 30 IN A 10.0.0.3"),
          Set.copyOf(order));
      assertEquals(3, order.size());
      orders.add(order);
    }
    // 60 draws miss one of the 6 orders with probability below 6 * (5/6)^60 ≈ 1e-4; the seed is fixed.
    assertEquals(6, orders.size(), "distinct orders seen");
    assertFalse(Deterministic.class.isInstance(handler), "loadbalance must keep the server's reply cache off");
  }

  @Test
  void mixedSectionsPutCnamesFirstThenOtherTypesThenShuffledAddressesThenShuffledMx() throws Exception {
    LoadbalanceHandler handler = handler("loadbalance round_robin");
    Chain next = answering(Rcode.NOERROR, lines(
        "b.test. A 10.0.0.1", "a.test. CNAME b.test.", "b.test. MX 10 mx1.test.", "b.test. TXT \"t\"",
        "b.test. AAAA fd00::1", "b.test. MX 20 mx2.test.", "b.test. A 10.0.0.2"));
    Set<String> firstAddresses = new HashSet<>();
    Set<String> firstMx = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      List<Record> answer = handler.serve(Queries.request("a.test.", Type.ANY), next).getSection(Section.ANSWER);
      assertEquals(List.of("CNAME", "TXT", "ADDR", "ADDR", "ADDR", "MX", "MX"),
          answer.stream().map(r -> r.getType() == Type.A || r.getType() == Type.AAAA ? "ADDR" : Type.string(r.getType())).toList());
      firstAddresses.add(answer.get(2).rdataToString());
      firstMx.add(answer.get(5).rdataToString());
    }
    assertEquals(Set.of("10.0.0.1", "10.0.0.2", "fd00:0:0:0:0:0:0:1"), firstAddresses);
    assertEquals(Set.of("10 mx1.test.", "20 mx2.test."), firstMx);
  }

  @Test
  void additionalAddressesAreShuffledAndTheOptRecordStays() throws Exception {
    LoadbalanceHandler handler = handler("loadbalance");
    Chain withEde = request -> Replies.withExtendedError(
        answering(Rcode.NOERROR, lines("_x._tcp.a.test. SRV 0 50 80 w1.a.test."),
            "w1.a.test. A 10.0.1.1", "w1.a.test. A 10.0.1.2").next(request),
        ExtendedErrorCodeOption.OTHER, "note");
    Set<String> firsts = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      Message reply = handler.serve(Queries.request("_x._tcp.a.test.", Type.SRV), withEde);
      List<Record> additional = reply.getSection(Section.ADDITIONAL);
      assertEquals(Type.OPT, additional.get(0).getType(), "the OPT record is an other type and goes first");
      firsts.add(additional.get(1).rdataToString());
      assertEquals(1, Replies.extendedErrors(reply).size());
    }
    assertEquals(Set.of("10.0.1.1", "10.0.1.2"), firsts);
  }

  @Test
  void repliesOtherThanNoerrorAndZoneTransfersKeepTheirOrder() throws Exception {
    LoadbalanceHandler handler = handler("loadbalance");
    String[] answer = lines("a.test. A 10.0.0.1", "a.test. A 10.0.0.2", "a.test. A 10.0.0.3", "a.test. A 10.0.0.4");
    List<String> asGiven = List.of("a.test. 30 IN A 10.0.0.1", "a.test. 30 IN A 10.0.0.2",
        "a.test. 30 IN A 10.0.0.3", "a.test. 30 IN A 10.0.0.4");
    for (int i = 0; i < 20; i++) {
      assertEquals(asGiven, Queries.answers(handler.serve(Queries.request("a.test.", Type.A), answering(Rcode.SERVFAIL, answer))));
      assertEquals(asGiven, Queries.answers(handler.serve(Queries.request("a.test.", Type.AXFR), answering(Rcode.NOERROR, answer))));
      assertEquals(asGiven, Queries.answers(handler.serve(Queries.request("a.test.", Type.IXFR), answering(Rcode.NOERROR, answer))));
    }
  }

  @Test
  void preferredSubnetsComeFirstInTheOrderListedAndTheRestIsShuffled() throws Exception {
    LoadbalanceHandler handler = handler("loadbalance {\n prefer 192.168.0.0/16 172.16.0.0/12\n prefer fd00::/8\n}");
    Chain next = answering(Rcode.NOERROR, lines(
        "a.test. A 10.0.0.1", "a.test. A 172.20.0.1", "a.test. A 10.0.0.2", "a.test. A 192.168.7.1",
        "a.test. A 10.0.0.3", "a.test. AAAA fd00::1", "a.test. AAAA 2001:db8::1", "a.test. A 192.168.7.2"));
    Set<String> thirds = new HashSet<>();
    Set<String> firsts = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      List<String> order = handler.serve(Queries.request("a.test.", Type.A), next).getSection(Section.ANSWER)
          .stream().map(Record::rdataToString).toList();
      assertEquals(Set.of("192.168.7.1", "192.168.7.2"), Set.copyOf(order.subList(0, 2)));
      assertEquals(List.of("172.20.0.1", "fd00:0:0:0:0:0:0:1"), order.subList(2, 4));
      assertEquals(Set.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "2001:db8:0:0:0:0:0:1"), Set.copyOf(order.subList(4, 8)));
      firsts.add(order.get(0));
      thirds.add(order.get(4));
    }
    assertEquals(2, firsts.size(), "preferred addresses are shuffled among themselves");
    assertEquals(4, thirds.size(), "the others are shuffled");
  }

  @Test
  void singleAddressRepliesAreLeftAsTheyAre() throws Exception {
    Message given = answering(Rcode.NOERROR, lines("a.test. A 10.0.0.1")).next(Queries.request("a.test.", Type.A));
    Message reply = handler("loadbalance").serve(Queries.request("a.test.", Type.A), request -> given);
    assertTrue(reply == given);
    assertEquals(List.of("a.test. 30 IN A 10.0.0.1"), Queries.answers(reply));
  }
}
