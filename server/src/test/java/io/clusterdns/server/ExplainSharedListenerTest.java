package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * explain on the listener of health: a report that takes seconds (musl waiting out a REFUSED
 * reply) does not hold up {@code /health}, which the kubelet's liveness probe asks.
 */
class ExplainSharedListenerTest {
  @Test
  void healthAnswersWhileAReportIsMade() throws Exception {
    Path manifests = Path.of(ExplainTest.class.getResource("explain-cluster.yaml").toURI());
    String http = "127.0.0.1:" + FreePorts.udpAndTcp();
    try (ClusterDns server = ClusterDns.builder()
        .corefile("cluster.local {\n  health " + http + "\n  explain " + http + "\n"
            + "  kubernetes cluster.local {\n    manifests " + manifests + "\n  }\n}\n")
        .start()) {
      HttpClient client = HttpClient.newHttpClient();
      // No block serves the bare name: musl ignores the REFUSED and waits out its 5 s timeout.
      CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
          HttpRequest.newBuilder(URI.create("http://" + http + "/explain?name=nowhere&namespace=shop&resolver=musl"))
              .build(), HttpResponse.BodyHandlers.ofString());
      HttpRequest health = HttpRequest.newBuilder(URI.create("http://" + http + "/health"))
          .timeout(Duration.ofSeconds(2)).build();

      assertEquals(200, client.send(health, HttpResponse.BodyHandlers.ofString()).statusCode());
      assertFalse(slow.isDone(), "the report was still being made");

      HttpResponse<String> report = slow.get(20, TimeUnit.SECONDS);
      assertEquals(200, report.statusCode());
      assertTrue(report.body().contains("server: no server block of this port serves nowhere.: REFUSED"),
          report.body());
      assertTrue(report.body().endsWith("not resolved after 5 queries: REFUSED\n"), report.body());
    }
  }
}
