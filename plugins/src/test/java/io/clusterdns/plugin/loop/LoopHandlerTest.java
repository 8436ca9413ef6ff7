package io.clusterdns.plugin.loop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.ServerLookup;
import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.testkit.FakeServerControl;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import io.clusterdns.plugin.testkit.Queries;
import io.clusterdns.plugin.testkit.RecordingChain;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

class LoopHandlerTest {
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 1053);
  private static final InetSocketAddress RELAY = new InetSocketAddress("127.0.0.1", 40001);
  private static final Name PROBE = Queries.name("4547991504243258144.3688648895315093531.example.org.");

  private final FakeServerControl control = new FakeServerControl(null, null, LOCAL);

  private static final Duration WINDOW = ProbeTiming.COREDNS.window();

  private LoopHandler handler(ServerLookup lookup, Clock clock, Duration window) {
    return handler(lookup, clock, new ProbeTiming(Duration.ofMillis(2), window, Duration.ZERO));
  }

  private LoopHandler handler(ServerLookup lookup, Clock clock, ProbeTiming timing) {
    FakeSetupContext context =
        new FakeSetupContext("example.org.").withServerControl(control).withServerLookup(lookup);
    return new LoopHandler(PROBE, "example.org.", context, clock, timing);
  }

  private static Request probeFrom(InetSocketAddress remote, String spelling) {
    return Queries.request(spelling, Type.HINFO, remote, Transport.UDP);
  }

  @Test
  void aProbeAnsweredOnceIsNoLoopAndTheHandlerStopsLooking() throws Exception {
    AtomicInteger sends = new AtomicInteger();
    LoopHandler[] self = new LoopHandler[1];
    // The chain after loop answers the probe itself (no forwarder): it passes loop once.
    self[0] = handler(request -> {
      sends.incrementAndGet();
      return self[0].serve(request, RecordingChain.answering());
    }, Clock.systemUTC(), WINDOW);

    self[0].probeUntilAnswered();

    assertEquals(1, sends.get());
    assertEquals(1, self[0].seen());
    assertTrue(self[0].disabled());
    assertEquals(List.of(), control.fatals());
    // Disabled: the probe name no longer counts.
    self[0].serve(probeFrom(RELAY, PROBE.toString()), RecordingChain.answering());
    assertEquals(1, self[0].seen());
  }

  @Test
  void theThirdSightingOfTheProbeIsAFatalLoopWithCoreDnsMessage() throws Exception {
    LoopHandler[] self = new LoopHandler[1];
    // A forwarder whose upstream is this server: each hop comes back from the relay's address.
    Chain forwarder = new Chain() {
      @Override
      public Message next(Request request) throws Exception {
        return self[0].serve(probeFrom(RELAY, request.qname().toString()), this);
      }
    };
    self[0] = handler(request -> self[0].serve(request, forwarder), Clock.systemUTC(), WINDOW);

    self[0].probeUntilAnswered();

    assertEquals(List.of("plugin/loop: Loop (127.0.0.1:40001 -> 127.0.0.1:1053) detected for zone \"example.org.\","
            + " see https://coredns.io/plugins/loop#troubleshooting. Query: \"HINFO " + PROBE + "\""),
        control.fatals());
    assertEquals(3, self[0].seen());
    assertTrue(self[0].disabled());
  }

  @Test
  void theLoopingProbeIsNotPassedOnOnceSeenThreeTimes() throws Exception {
    LoopHandler handler = handler(request -> Replies.servfail(request), Clock.systemUTC(), WINDOW);
    RecordingChain next = RecordingChain.answering();
    // Probe names match whatever the case of the letters (0x20 randomisation by a forwarder).
    for (int i = 0; i < 4; i++) {
      Message reply = handler.serve(probeFrom(RELAY, PROBE.toString().toUpperCase()), next);
      assertEquals(i < 2 ? RecordingChain.NEXT_RCODE : Rcode.SERVFAIL, reply.getRcode());
    }
    assertEquals(2, next.calls());
    assertEquals(1, control.fatals().size());
  }

  @Test
  void otherQueriesPassUntouched() throws Exception {
    LoopHandler handler = handler(request -> Replies.servfail(request), Clock.systemUTC(), WINDOW);
    RecordingChain next = RecordingChain.answering();
    for (int i = 0; i < 5; i++) {
      handler.serve(Queries.request(PROBE.toString(), Type.A), next);
      handler.serve(Queries.request("other.example.org.", Type.HINFO), next);
    }
    assertEquals(10, next.calls());
    assertEquals(0, handler.seen());
  }

  @Test
  void failedSendsAreRetriedAndResetTheCount() throws Exception {
    AtomicInteger sends = new AtomicInteger();
    LoopHandler[] self = new LoopHandler[1];
    self[0] = handler(request -> {
      self[0].serve(request, RecordingChain.answering());
      if (sends.incrementAndGet() < 3) {
        throw new IllegalStateException("port 53 is not served (yet)");
      }
      return Replies.servfail(request);
    }, Clock.systemUTC(), WINDOW);

    self[0].probeUntilAnswered();

    assertEquals(3, sends.get());
    assertEquals(1, self[0].seen());
    assertEquals(List.of(), control.fatals());
  }

  @Test
  void sendingStopsWhenTheProbeWindowIsOver() {
    // Each reading of this clock is ten seconds later: the window opens at 0 s, sends go out
    // at 10 s and 20 s, and at 30 s it is over.
    Clock clock = new Clock() {
      private final AtomicInteger readings = new AtomicInteger();

      @Override
      public Instant instant() {
        return Instant.EPOCH.plusSeconds(10L * readings.getAndIncrement());
      }

      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    };
    AtomicInteger sends = new AtomicInteger();
    LoopHandler handler = handler(request -> {
      sends.incrementAndGet();
      throw new IllegalStateException("not served");
    }, clock, WINDOW);

    handler.probeUntilAnswered();

    assertEquals(2, sends.get());
    assertTrue(handler.disabled());
  }

  @Test
  void closeStopsTheProberThread() {
    AtomicInteger sends = new AtomicInteger();
    LoopHandler handler = handler(request -> {
      sends.incrementAndGet();
      throw new IllegalStateException("not served");
    }, Clock.systemUTC(), WINDOW);
    handler.start();
    await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(20)).until(() -> sends.get() >= 2);
    assertFalse(handler.disabled());

    handler.close();

    await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(20)).until(handler::disabled);
  }

  @Test
  void aLoopingHopQueuedBehindTheAnswerStillCountsWhileTheProbeLingers() throws Exception {
    // The probe came back once and was answered; two more hops arrive after that reply (a UDP
    // worker busy with the first hop reads them only then).
    LoopHandler[] self = new LoopHandler[1];
    self[0] = handler(request -> self[0].serve(request, RecordingChain.answering()), Clock.systemUTC(),
        new ProbeTiming(Duration.ofMillis(2), WINDOW, Duration.ofSeconds(30)));
    self[0].start();
    await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(20)).until(() -> self[0].seen() == 1);

    self[0].serve(probeFrom(RELAY, PROBE.toString()), RecordingChain.answering());
    assertEquals(List.of(), control.fatals());
    self[0].serve(probeFrom(RELAY, PROBE.toString()), RecordingChain.answering());

    assertEquals(1, control.fatals().size());
    assertFalse(self[0].disabled());
    self[0].close();
    await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(20)).until(self[0]::disabled);
  }
}
