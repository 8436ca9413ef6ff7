package io.clusterdns.plugin.forward;

import static io.clusterdns.plugin.forward.Upstreams.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.testkit.DaemonProcess;
import io.clusterdns.plugin.testkit.DelayingProxy;
import io.clusterdns.plugin.testkit.LoopbackPorts;
import io.clusterdns.plugin.testkit.Nsd;
import io.clusterdns.plugin.testkit.RecordingChain;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Forwarding without a waiting thread ({@code serveAsync}) to a real NSD on 127.0.0.1, directly
 * or through a proxy that delays every query: the reply comes on the forwarder's socket thread,
 * under the client's ID and question, or SERVFAIL at the deadline.
 */
class AsyncForwardTest {
  @TempDir static Path dir;
  private static DaemonProcess nsd;
  @RegisterExtension final Upstreams upstreams = new Upstreams(dir, new MutableClock());

  @BeforeAll
  static void startNsd() {
    String[] records = Upstreams.exampleOrg("*.fresh IN A 192.0.2.7");
    InetAddress loopback = InetAddress.getLoopbackAddress();
    nsd = Nsd.on(dir.resolve("nsd"), loopback, LoopbackPorts.free(loopback),
        Map.of("example.org", Nsd.zone("example.org", records))).start();
  }

  @AfterAll
  static void stopNsd() {
    nsd.stop();
  }

  private ForwardHandler handler(String snippet) throws Exception {
    return upstreams.handler(snippet);
  }

  private static String nsdAddress() {
    return "127.0.0.1:" + nsd.address().getPort();
  }

  private static Message await(CompletableFuture<Message> reply) throws Exception {
    return reply.get(10, TimeUnit.SECONDS);
  }

  private static CompletableFuture<Message> async(ForwardHandler forward, Request request) throws Exception {
    return forward.serveAsync(request, RecordingChain.answering()).toCompletableFuture();
  }

  @Test
  void aThousandMissesInFlightToASlowUpstreamTakeNoThreadEachAndKeepTheClientsIdAndQuestion() throws Exception {
    long seed = System.nanoTime();
    System.out.println("AsyncForwardTest seed " + seed);
    Random random = new Random(seed);
    try (DelayingProxy proxy = new DelayingProxy(nsd.address(), Duration.ZERO)) {
      ForwardHandler forward = handler("forward . " + proxy.to());
      proxy.hold();
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      int threadsBefore = threads.getThreadCount();
      List<Request> requests = new ArrayList<>();
      List<CompletableFuture<Message>> replies = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        Request request = request(mixedCase("q-" + i + ".fresh.example.org.", random), Type.A,
            random.nextInt(0x10000), Transport.UDP);
        requests.add(request);
        replies.add(async(forward, request));
      }
      Awaitility.await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10))
          .until(() -> proxy.heldNow() == 1000);
      int threadsWhileWaiting = threads.getThreadCount();
      assertEquals(0, replies.stream().filter(CompletableFuture::isDone).count(), "answered before the upstream");
      assertTrue(threadsWhileWaiting - threadsBefore < 5,
          (threadsWhileWaiting - threadsBefore) + " more threads while 1000 queries waited");

      proxy.release();
      CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
      for (int i = 0; i < requests.size(); i++) {
        Request request = requests.get(i);
        Message reply = replies.get(i).get();
        assertEquals(Rcode.NOERROR, reply.getRcode(), request.toString());
        assertEquals(request.id(), reply.getHeader().getID());
        assertEquals(request.qname().toString(), reply.getQuestion().getName().toString(), "spelled as the client did");
        assertEquals("192.0.2.7", reply.getSection(Section.ANSWER).get(0).rdataToString());
      }
      assertEquals(1000, proxy.received(), "one attempt per query, none timed out");
    }
  }

  /**
   * The caller is not held: serveAsync returns before the first attempt's 2 s read timeout sends
   * the query on to the second upstream, which only a caller held through that attempt would see
   * (or one descheduled for 2 s).
   */
  @Test
  void aBlackHoleEndsInServfailWithAnExtendedErrorAtTheDeadlineWithoutHoldingTheCaller() throws Exception {
    try (BlackHole first = new BlackHole(); BlackHole second = new BlackHole()) {
      ForwardHandler forward = handler("forward . " + first.to() + " " + second.to()
          + " {\n policy sequential\n read_timeout 2s\n max_connect_attempts 2\n}");
      String name = first.name("www");
      long start = System.nanoTime();
      CompletableFuture<Message> pending = async(forward, request(name, Type.A, 7, Transport.UDP));
      assertFalse(pending.isDone());
      assertEquals(0, second.queriesFor(name), "serveAsync returned after the first attempt ended");

      Message reply = await(pending);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      // One attempt of 2 s at each upstream, in order (the wheel may fire up to one 1 ms tick
      // early), both inside the 5 s deadline; how much later than 4 s the SERVFAIL comes depends
      // on the machine's load.
      assertEquals(1, first.queriesFor(name), "attempts at the first upstream");
      assertEquals(1, second.queriesFor(name), "attempts at the second upstream");
      assertTrue(millis >= 3995, "SERVFAIL after " + millis + " ms");
      assertEquals(Rcode.SERVFAIL, reply.getRcode());
      assertEquals(7, reply.getHeader().getID());
      ExtendedErrorCodeOption reason = Replies.extendedErrors(reply).get(0);
      assertEquals(ExtendedErrorCodeOption.NETWORK_ERROR, reason.getErrorCode());
      assertEquals("forward: " + second.to() + ": read udp " + second.to() + ": i/o timeout", reason.getText());
    }
  }

  @Test
  void aLateReplyAfterTheAttemptTimedOutIsIgnoredAndTheNextUpstreamAnswers() throws Exception {
    try (DelayingProxy slow = new DelayingProxy(nsd.address(), Duration.ofMillis(400))) {
      ForwardHandler forward = handler("forward . " + slow.to() + " " + nsdAddress()
          + " {\n policy sequential\n read_timeout 150ms\n}");

      Message reply = await(async(forward, request("www.example.org.", Type.A, 11, Transport.UDP)));
      assertEquals(Rcode.NOERROR, reply.getRcode());
      assertEquals(11, reply.getHeader().getID());

      // The slow upstream's late reply arrives meanwhile and matches nothing that waits.
      Message again = await(async(forward, request("www.example.org.", Type.A, 12, Transport.UDP)));
      assertEquals(12, again.getHeader().getID());
      assertEquals("192.0.2.1", again.getSection(Section.ANSWER).get(0).rdataToString());
    }
  }

  @Test
  void anUpstreamThatRefusesTheDatagramFailsOverAtOnce() throws Exception {
    int closed = LoopbackPorts.free(InetAddress.getLoopbackAddress());
    // A read timeout past the query's 5 s deadline: had the first attempt waited for its timeout,
    // no time would be left for the second upstream, and the reply would be SERVFAIL.
    ForwardHandler forward = handler("forward . 127.0.0.1:" + closed + " " + nsdAddress()
        + " {\n policy sequential\n read_timeout 10s\n}");

    Message reply = await(async(forward, request("www.example.org.", Type.A, 9, Transport.UDP)));
    assertEquals(Rcode.NOERROR, reply.getRcode(), "failed over at the deadline, not at the refusal");
  }

  @Test
  void aTruncatedReplyIsAskedAgainOverTcp() throws Exception {
    ForwardHandler forward = handler("forward . " + nsdAddress());

    Message reply = await(async(forward, request("big.example.org.", Type.TXT, 21, Transport.UDP)));
    assertEquals(Rcode.NOERROR, reply.getRcode());
    assertFalse(reply.getHeader().getFlag(Flags.TC));
    assertEquals(Upstreams.BIG_RRSET, reply.getSection(Section.ANSWER).size());
    assertEquals(21, reply.getHeader().getID());
  }

  @Test
  void maxConcurrentRefusesWhatGoesBeyondItAtOnceAndCountsOnlyWaitingQueries() throws Exception {
    try (DelayingProxy proxy = new DelayingProxy(nsd.address(), Duration.ZERO)) {
      ForwardHandler forward = handler("forward . " + proxy.to() + " {\n max_concurrent 5\n}");
      proxy.hold();
      List<CompletableFuture<Message>> waiting = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        waiting.add(async(forward, request("w" + i + ".fresh.example.org.", Type.A, i, Transport.UDP)));
      }
      CompletableFuture<Message> refused = async(forward, request("x.fresh.example.org.", Type.A, 99, Transport.UDP));

      assertTrue(refused.isDone());
      assertEquals(Rcode.REFUSED, refused.get().getRcode());
      assertEquals("forward: concurrent queries exceeded maximum 5",
          Replies.extendedErrors(refused.get()).get(0).getText());
      proxy.release();
      for (CompletableFuture<Message> reply : waiting) {
        assertEquals(Rcode.NOERROR, await(reply).getRcode());
      }
      assertEquals(0, forward.inFlight());
      Request after = request("y.fresh.example.org.", Type.A, 98, Transport.UDP);
      assertEquals(Rcode.NOERROR, await(async(forward, after)).getRcode());
    }
  }

  @Test
  void nextHandsTheQueryToTheRestOfTheChain() throws Exception {
    ForwardHandler forward = handler("forward . " + nsdAddress() + " {\n next NXDOMAIN\n}");
    RecordingChain chain = RecordingChain.answering();

    Message reply = await(forward.serveAsync(request("nothing.example.org.", Type.A, 5, Transport.UDP), chain)
        .toCompletableFuture());
    assertEquals(RecordingChain.NEXT_RCODE, reply.getRcode());
    assertEquals(1, chain.calls());
  }

  @Test
  void queriesOverTcpTakeTheWaitingPath() throws Exception {
    ForwardHandler forward = handler("forward . " + nsdAddress());

    Request overTcp = request("www.example.org.", Type.A, 1, Transport.TCP);
    Request overUdp = request("www.example.org.", Type.A, 2, Transport.UDP);
    assertNull(forward.serveAsync(overTcp, RecordingChain.answering()));
    assertEquals(Rcode.NOERROR, await(async(forward, overUdp)).getRcode());
    ForwardHandler tcp = handler("forward . " + nsdAddress() + " {\n force_tcp\n}");
    assertNull(tcp.serveAsync(overUdp, RecordingChain.answering()));
  }

  private static String mixedCase(String name, Random random) {
    StringBuilder spelled = new StringBuilder(name.length());
    for (char c : name.toCharArray()) {
      spelled.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
    }
    return spelled.toString();
  }
}
