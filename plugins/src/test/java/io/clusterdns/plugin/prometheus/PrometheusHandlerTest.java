package io.clusterdns.plugin.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.testkit.Queries;
import io.clusterdns.plugin.testkit.RecordingChain;
import io.clusterdns.plugin.testkit.WireChain;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

class PrometheusHandlerTest {
  @Test
  void passesEveryQueryOnAndStaysDeterministic() throws Exception {
    PrometheusHandler handler = new PrometheusHandler(new PrometheusOptions(new InetSocketAddress("127.0.0.1", 0)));
    RecordingChain next = RecordingChain.answering();
    Message reply = handler.serve(Queries.request("a.example.org.", Type.A), next);
    assertEquals(1, next.calls());
    assertEquals(RecordingChain.NEXT_RCODE, reply.getRcode());
    assertTrue(handler.deterministic());
    assertEquals(0, handler.generation());
  }

  @Test
  void servesTheRegistryOnMetricsWhileStarted() throws Exception {
    PrometheusMetrics.PANICS.inc();
    PrometheusHandler one = new PrometheusHandler(new PrometheusOptions(new InetSocketAddress("127.0.0.1", 0)));
    PrometheusHandler two = new PrometheusHandler(new PrometheusOptions(new InetSocketAddress("127.0.0.1", 0)));
    one.start();
    two.start();
    InetSocketAddress address = one.address();
    try {
      assertNotEquals(address.getPort(), two.address().getPort(), "port 0 is never shared");
      HttpResponse<String> response = get(address);
      assertEquals(200, response.statusCode());
      assertTrue(response.body().contains("\ncoredns_panics_total "), response.body());
      assertTrue(response.body().contains("\njvm_threads_current "), "JVM metrics");
    } finally {
      one.close();
      two.close();
    }
    assertThrows(ConnectException.class, () -> get(address));
    assertThrows(IllegalStateException.class, one::address);
  }

  @Test
  void oneListenerPerAddressUntilItsLastUserCloses() throws Exception {
    PrometheusHandler first = new PrometheusHandler(new PrometheusOptions(new InetSocketAddress("127.0.0.1", 0)));
    first.start();
    int port = first.address().getPort();
    first.close();
    PrometheusOptions fixed = new PrometheusOptions(new InetSocketAddress("127.0.0.1", port));
    PrometheusHandler old = new PrometheusHandler(fixed);
    PrometheusHandler replacement = new PrometheusHandler(fixed);
    old.start();
    replacement.start();
    assertEquals(old.address(), replacement.address(), "the second user shares the listener");
    old.close();
    assertEquals(200, get(replacement.address()).statusCode());
    replacement.close();
    assertThrows(ConnectException.class, () -> get(new InetSocketAddress("127.0.0.1", port)));
  }

  @Test
  void anAddressInUseFailsTheStartAndSaysWhich() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      PrometheusHandler handler = new PrometheusHandler(new PrometheusOptions(new InetSocketAddress("127.0.0.1", taken.getLocalPort())));
      IOException e = assertThrows(IOException.class, handler::start);
      assertTrue(e.getMessage().startsWith("cannot listen for HTTP on 127.0.0.1:" + taken.getLocalPort() + ": "),
          e.getMessage());
      assertThrows(IllegalStateException.class, handler::address);
    }
  }

  private static HttpResponse<String> get(InetSocketAddress address) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aWireReplyIsPassedOnAsItIs() throws Exception {
    byte[] hit = {1, 2, 3};
    WireChain next = WireChain.of(hit);
    PrometheusHandler handler = new PrometheusHandler(new PrometheusOptions(new InetSocketAddress("127.0.0.1", 0)));
    Request request = Queries.request("a.example.org.", Type.A);
    assertSame(hit, handler.serveWire(request, next, 512));
    assertNull(handler.serveWire(request, WireChain.of(null), 512));
    assertEquals(1, next.asked());
  }
}
