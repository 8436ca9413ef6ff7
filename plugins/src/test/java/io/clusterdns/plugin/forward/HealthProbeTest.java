package io.clusterdns.plugin.forward;

import static io.clusterdns.plugin.forward.Upstreams.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.testkit.RecordingChain;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** What health checks ask, when they start and when they stop. */
class HealthProbeTest {
  private final RecordingUpstream upstream = new RecordingUpstream();
  private final Upstreams upstreams = new Upstreams(Path.of("."), Clock.systemUTC());

  @AfterEach
  void close() {
    upstreams.close();
    upstream.close();
  }

  private static List<Message> probes(List<Message> queries) {
    return queries.stream().filter(q -> q.getQuestion().getType() == Type.NS).toList();
  }

  @Test
  void probesStartAfterAnErrorAskTheConfiguredNameAndStopOnAnyReply() throws Exception {
    ForwardHandler forward = upstreams.handler("forward . " + upstream.to()
        + " {\n health_check 20ms no_rec domain Example.org\n read_timeout 100ms\n max_connect_attempts 1\n max_fails 3\n}");
    upstream.answering(true);
    assertEquals(Rcode.REFUSED,
        forward.serve(request("www.example.org.", Type.A, 1, Transport.UDP), RecordingChain.answering()).getRcode());
    assertEquals(List.of(), probes(upstream.queries()), "a working upstream is not probed");

    upstream.answering(false);
    forward.serve(request("www.example.org.", Type.A, 2, Transport.UDP), RecordingChain.answering());
    Awaitility.await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(20))
        .until(() -> forward.upstreams().get(0).down(3));
    Message probe = probes(upstream.queries()).get(0);
    assertEquals(Name.fromConstantString("example.org."), probe.getQuestion().getName());
    assertFalse(probe.getHeader().getFlag(Flags.RD), "no_rec");

    upstream.answering(true);
    Awaitility.await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(20))
        .until(() -> !forward.upstreams().get(0).down(3));
    int probesSoFar = probes(upstream.queries()).size();
    // Probing has stopped: wait several intervals (through the handler's own queries) and count.
    for (int i = 0; i < 5; i++) {
      forward.serve(request("www.example.org.", Type.A, 10 + i, Transport.UDP), RecordingChain.answering());
    }
    Awaitility.await().pollDelay(Duration.ofMillis(100)).atMost(Duration.ofSeconds(20))
        .until(() -> probes(upstream.queries()).size() == probesSoFar);
  }
}
