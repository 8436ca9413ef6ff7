package io.clusterdns.plugin.forward;

import static io.clusterdns.plugin.forward.Upstreams.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.testkit.RecordingChain;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** Upstreams that never answer: every query still ends, in SERVFAIL or REFUSED that say why. */
class ForwardBlackHoleTest {
  /** Far past the 5 s deadline: only a query the deadline does not end takes this long. */
  private static final Duration BOUND = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final BlackHole hole = new BlackHole();
  private Upstreams upstreams;

  @AfterEach
  void close() {
    upstreams.close();
    hole.close();
  }

  private ForwardHandler handler(String snippet) throws Exception {
    upstreams = new Upstreams(dir, Clock.systemUTC());
    return upstreams.handler(snippet);
  }

  @Test
  void blackHoleEndsInServfailWithNetworkErrorWithinTheDeadline() throws Exception {
    ForwardHandler forward = handler("forward . " + hole.to());
    String name = hole.name("www");
    long start = System.nanoTime();

    Message reply = assertTimeoutPreemptively(BOUND, () -> forward.serve(request(name, Type.A, 1, Transport.UDP), RecordingChain.answering()));

    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(Rcode.SERVFAIL, reply.getRcode());
    List<ExtendedErrorCodeOption> errors = Replies.extendedErrors(reply);
    assertEquals(ExtendedErrorCodeOption.NETWORK_ERROR, errors.get(0).getErrorCode());
    assertEquals("forward: " + hole.to() + ": read udp " + hole.to() + ": i/o timeout", errors.get(0).getText());
    // Two attempts (max_connect_attempts defaults to twice the upstreams) of 2 s each: counted
    // by the upstream, and not cut short; how much later than 4 s they end depends on the load.
    assertEquals(2, hole.queriesFor(name), "attempts");
    assertTrue(millis >= 3900, "took " + millis + " ms");
  }

  @Test
  void overallDeadlineCapsManyAttempts() throws Exception {
    ForwardHandler forward = handler("forward . " + hole.to() + " {\n max_connect_attempts 0\n read_timeout 400ms\n}");
    String name = hole.name("www");
    long start = System.nanoTime();

    Message reply = assertTimeoutPreemptively(BOUND, () -> forward.serve(request(name, Type.A, 1, Transport.UDP), RecordingChain.answering()));

    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    int attempts = hole.queriesFor(name);
    assertEquals(Rcode.SERVFAIL, reply.getRcode());
    // Attempts of 400 ms each go on past the default two until the 5 s deadline, and not past
    // it: it holds 13 of them at most, and a loaded machine makes fewer, never more. The hole
    // counts only this query's name, so another process's query to its port cannot add one.
    assertTrue(millis >= 4900, "took " + millis + " ms");
    assertTrue(attempts > 2 && attempts <= 13, attempts + " attempts in " + millis + " ms");
  }

  /**
   * No attempt starts that could not wait for its reply. An attempt that waits until the query's
   * deadline ends up to a millisecond before it (the socket timeout counts whole milliseconds,
   * the wheel ticks every 2^20 ns): a next attempt sent in what is left was counted above as a
   * 14th of 400 ms in the 5 s deadline, sent and abandoned at once.
   */
  @Test
  void noAttemptStartsWithLessThanATickBeforeTheDeadline() throws Exception {
    ForwardHandler forward = handler("forward . " + hole.to() + " {\n max_connect_attempts 0\n read_timeout 400ms\n}");

    assertNull(attempts(forward, TimeUnit.MICROSECONDS.toNanos(900)).next(), "an attempt with 0.9 ms left");
    assertSame(forward.upstreams().get(0), attempts(forward, TimeUnit.SECONDS.toNanos(5)).next(), "with 5 s left");
  }

  private static Attempts attempts(ForwardHandler forward, long nanosLeft) {
    return new Attempts(forward.options(), forward.upstreams().toArray(new Upstream[0]), System.nanoTime() + nanosLeft);
  }

  @Test
  void queriesBeyondMaxConcurrentAreRefusedWithAReason() throws Exception {
    ForwardHandler forward = handler("forward . " + hole.to() + " {\n max_concurrent 1\n read_timeout 1s\n max_connect_attempts 1\n}");
    double rejects = ForwardMetrics.MAX_CONCURRENT_REJECTS.get();
    CompletableFuture<Message> first = CompletableFuture.supplyAsync(() -> {
      try {
        return forward.serve(request("slow.example.org.", Type.A, 1, Transport.UDP), RecordingChain.answering());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Awaitility.await().pollInterval(Duration.ofMillis(5)).atMost(BOUND)
        .until(() -> forward.inFlight() == 1);

    Message second = forward.serve(request("www.example.org.", Type.A, 2, Transport.UDP), RecordingChain.answering());

    assertEquals(Rcode.REFUSED, second.getRcode());
    assertEquals(2, second.getHeader().getID());
    ExtendedErrorCodeOption reason = Replies.extendedErrors(second).get(0);
    assertEquals(ExtendedErrorCodeOption.OTHER, reason.getErrorCode());
    assertEquals("forward: concurrent queries exceeded maximum 1", reason.getText());
    assertEquals(rejects + 1, ForwardMetrics.MAX_CONCURRENT_REJECTS.get());
    assertEquals(Rcode.SERVFAIL, first.get(BOUND.toSeconds(), TimeUnit.SECONDS).getRcode());
    assertEquals(0, forward.inFlight());
  }

  @Test
  void unhealthyUpstreamFailsFastWhenAskedTo() throws Exception {
    ForwardHandler forward = handler("forward . " + hole.to()
        + " {\n max_fails 1\n health_check 20ms\n read_timeout 100ms\n max_connect_attempts 1\n failfast_all_unhealthy_upstreams\n}");
    double broken = ForwardMetrics.HEALTHCHECK_BROKEN.get();
    double checkFailures = ForwardMetrics.HEALTHCHECK_FAILURES.labelValues("forward", hole.to()).get();

    assertEquals(Rcode.SERVFAIL, forward.serve(request("a.example.org.", Type.A, 1, Transport.UDP), RecordingChain.answering()).getRcode());
    Awaitility.await().pollInterval(Duration.ofMillis(5)).atMost(BOUND)
        .until(() -> forward.upstreams().get(0).down(1));
    Message reply = forward.serve(request(hole.name("b"), Type.A, 2, Transport.UDP), RecordingChain.answering());

    assertEquals(0, hole.queriesFor(hole.name("b")), "the down upstream was asked");
    assertEquals(Rcode.SERVFAIL, reply.getRcode());
    ExtendedErrorCodeOption reason = Replies.extendedErrors(reply).get(0);
    assertEquals(ExtendedErrorCodeOption.NO_REACHABLE_AUTHORITY, reason.getErrorCode());
    assertEquals("forward: no healthy upstream", reason.getText());
    assertEquals(broken + 1, ForwardMetrics.HEALTHCHECK_BROKEN.get());
    assertTrue(ForwardMetrics.HEALTHCHECK_FAILURES.labelValues("forward", hole.to()).get() >= checkFailures + 1);
  }

  @Test
  void allUpstreamsDownStillTriesOneWithoutFailfast() throws Exception {
    ForwardHandler forward = handler("forward . " + hole.to()
        + " {\n max_fails 1\n health_check 20ms\n read_timeout 100ms\n max_connect_attempts 1\n}");
    assertEquals(Rcode.SERVFAIL, forward.serve(request("a.example.org.", Type.A, 1, Transport.UDP), RecordingChain.answering()).getRcode());
    Awaitility.await().pollInterval(Duration.ofMillis(5)).atMost(BOUND)
        .until(() -> forward.upstreams().get(0).down(1));
    double broken = ForwardMetrics.HEALTHCHECK_BROKEN.get();

    Message reply = forward.serve(request(hole.name("b"), Type.A, 2, Transport.UDP), RecordingChain.answering());

    assertEquals(ExtendedErrorCodeOption.NETWORK_ERROR, Replies.extendedErrors(reply).get(0).getErrorCode(),
        "the down upstream was asked anyway, and timed out");
    assertEquals(1, hole.queriesFor(hole.name("b")), "attempts at the down upstream");
    assertEquals(broken + 1, ForwardMetrics.HEALTHCHECK_BROKEN.get());
  }
}
