package io.clusterdns.server.kubernetes;

import io.clusterdns.plugin.cluster.source.MockApi;
import static io.clusterdns.server.kubernetes.Dig.awaitAnswer;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.server.ClusterDns;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * How a real server answers while the Kubernetes API is not there: before the first sync
 * (decision D4: negatives are SERVFAIL) and after it (the last view keeps serving).
 */
class KubernetesApiAvailabilityTest {
  private static final String WEB = "web.default.svc.cluster.local.";
  private static final String MISSING = "missing.default.svc.cluster.local.";

  private final MockApi api = new MockApi();
  private ClusterDns dns;

  @AfterEach
  void stopServerThenApi() {
    if (dns != null) {
      dns.close();
    }
    api.close();
  }

  private ClusterDns startServer(String startupTimeout) throws Exception {
    dns = ClusterDns.builder()
        .corefile(".:0 {\n  kubernetes cluster.local {\n    endpoint " + api.url()
            + "\n    startup_timeout " + startupTimeout + "\n  }\n}\n")
        .start();
    return dns;
  }

  private static void createWeb(KubernetesClient k8s) {
    k8s.namespaces().resource(ApiObjects.namespace("default")).create();
    k8s.services().resource(ApiObjects.service("default", "web", "10.96.0.20")).create();
  }

  @Test
  void startsUnreadyAnsweringServfailThenAnswersOnceTheApiComesUp() throws Exception {
    long began = System.nanoTime();
    startServer("1s");
    long tookMillis = (System.nanoTime() - began) / 1_000_000;
    InetSocketAddress udp = dns.udpAddress();

    // The timeout runs from when the informers start; building the client first can take
    // seconds in a cold JVM on a busy machine (over 10 s under heavy load), so the upper bound
    // only tells a start that gave up from one that waits for the API indefinitely.
    assertTrue(tookMillis >= 1000 && tookMillis < 60_000, "start took " + tookMillis + " ms");
    assertFalse(dns.isReady());
    Message unsynced = Dig.ask(udp, MISSING, Type.A);
    assertEquals("SERVFAIL", Dig.summary(unsynced));
    assertEquals(Type.SOA, unsynced.getSection(Section.AUTHORITY).get(0).getType());

    createWeb(api.start().client());
    // fabric8 retries the failed lists with a backoff that reaches 3.2 s between attempts.
    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(15))
        .until(dns::isReady);
    assertEquals("NXDOMAIN", Dig.answer(udp, MISSING, Type.A), "ready means negatives are real");
    awaitAnswer(udp, WEB, Type.A, "NOERROR A 10.96.0.20");
    WatchProbe.awaitWatching(api.client(), "watch-probe", Map.of(), List.of(udp), List.of());
  }

  @Test
  void aServerThatStartedSyncedIsReadyAndAnswersNegativesAtOnce() throws Exception {
    createWeb(api.start().client());
    for (int i = 0; i < 3; i++) {
      // A startup timeout no loaded machine reaches (the default 5 s was, and the server then
      // started unsynced): this test is about a start that waited for the sync.
      try (ClusterDns started = ClusterDns.builder()
          .corefile(".:0 {\n  kubernetes cluster.local {\n    endpoint " + api.url()
              + "\n    startup_timeout 60s\n  }\n}\n")
          .start()) {
        InetSocketAddress udp = started.udpAddress();
        assertTrue(started.isReady(), "ready after start " + i);
        assertEquals("NXDOMAIN", Dig.answer(udp, MISSING, Type.A), "after start " + i);
        WatchProbe.awaitWatching(api.client(), "probe-" + i, Map.of(), List.of(udp), List.of());
      }
    }
  }

  @Test
  void keepsAnsweringFromTheLastViewWhenTheApiGoesAway() throws Exception {
    createWeb(api.start().client());
    InetSocketAddress udp = startServer("60s").udpAddress();
    assertTrue(dns.isReady());
    WatchProbe.awaitWatching(api.client(), "watch-probe", Map.of(), List.of(udp), List.of());
    assertEquals("NOERROR A 10.96.0.20", Dig.answer(udp, WEB, Type.A));
    assertEquals("NXDOMAIN", Dig.answer(udp, MISSING, Type.A));

    api.stop();
    // Long enough for the informers to see their watches closed and start retrying.
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
        .untilAsserted(() -> {
          assertEquals("NOERROR A 10.96.0.20", Dig.answer(udp, WEB, Type.A));
          assertEquals("NXDOMAIN", Dig.answer(udp, MISSING, Type.A));
          assertTrue(dns.isReady(), "ready");
        });
  }
}
