package io.clusterdns.plugin.loadbalance;

import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import io.clusterdns.plugin.testkit.Queries;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Round robin on a wire reply ({@link LoadbalanceHandler#serveWire}, a cache hit behind
 * loadbalance) gives, for the same draws of the generator, the reply {@link
 * LoadbalanceHandler#serve} gives: in place for one address RRset per section, through a
 * message otherwise; prefer and weighted leave the query to the message path.
 */
class LoadbalanceWireTest {
  private static final long SEED = 8914L;
  private static final int ROOM = 1221;

  LoadbalanceWireTest() {
    System.out.println("LoadbalanceWireTest seed " + SEED);
  }

  /** The shapes of reply a cache holds, and whether the bytes can be shuffled in place. */
  private static final List<Shape> SHAPES = List.of(
      new Shape("an address RRset", true, Type.A,
          answers("a.test. A 10.0.0.1", "a.test. A 10.0.0.2", "a.test. A 10.0.0.3", "a.test. A 10.0.0.4")),
      new Shape("a CNAME then its target's addresses", true, Type.AAAA,
          answers("a.test. CNAME b.other.", "b.other. AAAA 2001:db8::1", "b.other. AAAA 2001:db8::2",
              "b.other. AAAA 2001:db8::3")),
      new Shape("SRV with address records of one target", true, Type.SRV,
          answers("_h._tcp.a.test. SRV 0 50 80 t.a.test.", "_h._tcp.a.test. SRV 0 50 81 t.a.test."),
          "t.a.test. A 10.0.0.1", "t.a.test. A 10.0.0.2", "t.a.test. A 10.0.0.3"),
      new Shape("SRV with address records of several targets", false, Type.SRV,
          answers("_h._tcp.a.test. SRV 0 50 80 t1.a.test.", "_h._tcp.a.test. SRV 0 50 81 t2.a.test."),
          "t1.a.test. A 10.0.0.1", "t2.a.test. A 10.0.0.2", "t1.a.test. A 10.0.0.3"),
      new Shape("several MX records", false, Type.MX,
          answers("a.test. MX 10 m1.a.test.", "a.test. MX 20 m2.a.test.", "a.test. MX 30 m3.a.test."),
          "m1.a.test. A 10.0.0.1", "m2.a.test. A 10.0.0.2"),
      new Shape("A and AAAA together", false, Type.ANY,
          answers("a.test. A 10.0.0.1", "a.test. AAAA 2001:db8::1", "a.test. A 10.0.0.2")),
      new Shape("addresses before a CNAME", false, Type.A,
          answers("b.test. A 10.0.0.1", "b.test. A 10.0.0.2", "a.test. CNAME b.test.")),
      new Shape("one address", true, Type.A, answers("a.test. A 10.0.0.1")));

  @Test
  void theWireReplyIsTheMessagePathsForTheSameDraws() throws Exception {
    for (Shape shape : SHAPES) {
      for (long seed = SEED; seed < SEED + 200; seed++) {
        Request request = Queries.request("a.test.", shape.qtype);
        WireChain next = new WireChain(shape.reply(request));

        Message served = handler("loadbalance", seeded(seed)).serve(request, next);
        byte[] wire = handler("loadbalance", seeded(seed)).serveWire(request, next, ROOM);

        assertEquals(served.toString(), new Message(wire).toString(), shape.name + ", seed " + seed);
        // In place, or through a message: the test would not see a wrong guess otherwise.
        if (shape.inPlace) {
          assertSame(next.lastWire, wire, shape.name);
        } else {
          assertNotSame(next.lastWire, wire, shape.name);
        }
      }
    }
  }

  @Test
  void aFailureOrANonAnswerPassesUntouched() throws Exception {
    Request request = Queries.request("a.test.", Type.A);
    Message nxdomain = Replies.authoritative(request);
    nxdomain.getHeader().setRcode(Rcode.NXDOMAIN);
    WireChain next = new WireChain(nxdomain);

    byte[] wire = handler("loadbalance", seeded(SEED)).serveWire(request, next, ROOM);

    assertSame(next.lastWire, wire);
    assertEquals(nxdomain.toString(), new Message(wire).toString());
  }

  @Test
  void withoutAWireReplyBehindItThereIsNone() throws Exception {
    Chain none = request -> {
      throw new AssertionError("the message path is not the wire path's to run");
    };
    assertNull(handler("loadbalance", seeded(SEED)).serveWire(Queries.request("a.test.", Type.A), none, ROOM));
  }

  @Test
  void preferAndWeightedLeaveEveryQueryToTheMessagePath() throws Exception {
    Request request = Queries.request("a.test.", Type.A);
    WireChain next = new WireChain(SHAPES.get(0).reply(request));
    LoadbalanceHandler prefer = handler("loadbalance round_robin {\n prefer 10.0.0.0/24\n}", seeded(SEED));
    LoadbalanceHandler weighted = new LoadbalanceHandler(
        new WeightedRoundRobin(new WeightFile(java.nio.file.Path.of("weights")), java.time.Duration.ZERO, () -> {
          throw new AssertionError("never started");
        }), seeded(SEED));

    assertNull(prefer.serveWire(request, next, ROOM));
    assertNull(weighted.serveWire(request, next, ROOM));
    assertNull(next.lastWire, "the cache behind was not asked, so it counted no hit");
  }

  @Test
  void everyOrderComesBackOverManyQueries() throws Exception {
    Random random = new Random(SEED);
    LoadbalanceHandler handler = handler("loadbalance", () -> random);
    Request request = Queries.request("a.test.", Type.A);
    WireChain next = new WireChain(SHAPES.get(0).reply(request));
    Map<List<String>, Integer> orders = new HashMap<>();
    int queries = 2400;
    for (int i = 0; i < queries; i++) {
      orders.merge(Queries.answers(new Message(handler.serveWire(request, next, ROOM))), 1, Integer::sum);
    }
    // 4! orders, 100 expected each: a fair shuffle stays within ±45 (over 4 sigma) for this seed.
    assertEquals(24, orders.size(), orders.toString());
    orders.values().forEach(count -> assertTrue(count > 55 && count < 145, orders.toString()));
  }

  private static LoadbalanceHandler handler(String snippet, Supplier<? extends RandomGenerator> random)
      throws CorefileException {
    return new LoadbalanceHandler(
        new RoundRobin(LoadbalanceSetup.parse(directive(snippet), new FakeSetupContext(".")).prefer()), random);
  }

  /** A generator per query, the same one for the same seed, so both paths draw alike. */
  private static Supplier<RandomGenerator> seeded(long seed) {
    return () -> new Random(seed);
  }

  private static String[] answers(String... lines) {
    return lines;
  }

  private record Shape(String name, boolean inPlace, int qtype, String[] answer, String... additional) {
    Message reply(Request request) {
      Message reply = Replies.authoritative(request);
      for (String line : answer) {
        reply.addRecord(Queries.record(line), Section.ANSWER);
      }
      for (String line : additional) {
        reply.addRecord(Queries.record(line), Section.ADDITIONAL);
      }
      return reply;
    }
  }


  /**
   * The rest of a chain holding one reply as bytes, as a cache does: a fresh copy per request
   * on either path.
   */
  private static final class WireChain implements Chain {
    private final byte[] stored;
    byte[] lastWire;

    WireChain(Message reply) {
      this.stored = reply.toWire();
    }

    @Override
    public Message next(Request request) throws Exception {
      return new Message(stored.clone());
    }

    @Override
    public byte[] nextWire(Request request, int maxLength) {
      lastWire = stored.clone();
      return lastWire;
    }
  }
}
