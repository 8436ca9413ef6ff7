package io.clusterdns.plugin.health;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.testkit.HttpProbe;
import io.clusterdns.plugin.testkit.Queries;
import io.clusterdns.plugin.testkit.RecordingChain;
import io.clusterdns.plugin.testkit.WireChain;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

class HealthHandlerTest {
  private static HealthHandler handler(InetSocketAddress address, Duration lameduck, Duration selfCheck) {
    return new HealthHandler(new HealthOptions(address, lameduck), selfCheck);
  }

  private static InetSocketAddress loopback(int port) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  @Test
  void answersOkOnHealthWhileStartedAndNothingAfterClose() throws Exception {
    HealthHandler health = handler(loopback(0), Duration.ZERO, Duration.ofHours(1));
    health.start();
    InetSocketAddress address = health.address();
    try {
      HttpProbe.Answer answer = HttpProbe.get(address, "/health");
      assertEquals(200, answer.status());
      assertEquals("OK", answer.body());
      assertEquals(404, HttpProbe.get(address, "/ready").status());
    } finally {
      health.close();
    }
    assertNull(HttpProbe.getOrNull(address, "/health"));
  }

  @Test
  void passesQueriesOnAndReportsItsLameduck() throws Exception {
    HealthHandler health = handler(loopback(0), Duration.ofSeconds(5), Duration.ofHours(1));
    RecordingChain next = RecordingChain.answering();

    Message reply = health.serve(Queries.request("www.example.org.", Type.A), next);

    assertEquals(RecordingChain.NEXT_RCODE, reply.getRcode());
    assertEquals(1, next.calls());
    assertEquals(Duration.ofSeconds(5), health.lameduck());
  }

  @Test
  void selfCheckTimesItsOwnRequestIntoTheMetrics() throws Exception {
    double failuresBefore = HealthMetrics.FAILURES.get();
    long countBefore = HealthMetrics.DURATION.collect().getDataPoints().get(0).getCount();
    HealthHandler health = handler(loopback(0), Duration.ZERO, Duration.ofMillis(20));
    health.start();
    try {
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
          .until(() -> HealthMetrics.DURATION.collect().getDataPoints().get(0).getCount() >= countBefore + 3);
      assertEquals(failuresBefore, HealthMetrics.FAILURES.get());
    } finally {
      health.close();
    }
  }

  @Test
  void blocksOnOneAddressShareTheListenerUntilTheLastOneCloses() throws Exception {
    int port = HttpProbe.freePort();
    HealthHandler first = handler(loopback(port), Duration.ZERO, Duration.ofHours(1));
    HealthHandler second = handler(loopback(port), Duration.ZERO, Duration.ofHours(1));
    first.start();
    try {
      // A reload starts the new configuration before closing the old one: no second bind.
      second.start();
      assertEquals(first.address(), second.address());
      first.close();
      assertEquals(200, HttpProbe.get(loopback(port), "/health").status());
    } finally {
      first.close();
      second.close();
    }
    assertNull(HttpProbe.getOrNull(loopback(port), "/health"));
    HealthHandler again = handler(loopback(port), Duration.ZERO, Duration.ofHours(1));
    again.start();
    try {
      assertEquals(200, HttpProbe.get(loopback(port), "/health").status());
    } finally {
      again.close();
    }
  }

  @Test
  void aPortTakenByAnotherProcessFailsStartNamingTheAddress() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      HealthHandler health = handler(loopback(taken.getLocalPort()), Duration.ZERO, Duration.ofHours(1));
      java.net.BindException e = org.junit.jupiter.api.Assertions.assertThrows(java.net.BindException.class, health::start);
      assertEquals("cannot listen for HTTP on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use", e.getMessage());
      health.close();
    }
  }

  @Test
  void portZeroIsNeverShared() throws Exception {
    HealthHandler one = handler(loopback(0), Duration.ZERO, Duration.ofHours(1));
    HealthHandler two = handler(loopback(0), Duration.ZERO, Duration.ofHours(1));
    one.start();
    two.start();
    try {
      assertTrue(one.address().getPort() != two.address().getPort());
    } finally {
      one.close();
      two.close();
    }
  }

  @Test
  void aWireReplyIsPassedOnAsItIs() throws Exception {
    byte[] hit = {1, 2, 3};
    WireChain next = WireChain.of(hit);
    HealthHandler handler =
        handler(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Duration.ZERO, Duration.ofSeconds(1));
    Request request = Queries.request("a.example.org.", Type.A);
    assertSame(hit, handler.serveWire(request, next, 512));
    assertNull(handler.serveWire(request, WireChain.of(null), 512));
    assertEquals(1, next.asked());
  }
}
