package io.clusterdns.plugin.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code /health} on one shared listener, and CoreDNS's self-check of it: once per period the
 * listener fetches its own {@code /health}, timing the request into the health metrics, so that a
 * process too loaded to answer its own probe shows in the metrics before the kubelet kills it.
 */
final class HealthEndpoint implements AutoCloseable {
  static final Duration SELF_CHECK_PERIOD = Duration.ofSeconds(1);
  private static final Duration SELF_CHECK_TIMEOUT = Duration.ofSeconds(3);
  private static final byte[] OK = "OK".getBytes(StandardCharsets.US_ASCII);

  private final ScheduledExecutorService checker;
  private final URI target;
  /**
   * Made by the first self-check, on the checker's one thread (the only one that uses them): a
   * client sets up the default TLS context, loading hundreds of classes and the trust store,
   * which held up the first DNS answer when it was done at start; the request is the first use
   * of the JDK's HTTP client classes.
   */
  private HttpClient client;
  private HttpRequest probe;

  HealthEndpoint(HttpServer server, Duration period) {
    server.createContext("/health", HealthEndpoint::answer);
    InetSocketAddress bound = server.getAddress();
    InetAddress host = bound.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound.getAddress();
    String hostText = host.getHostAddress().contains(":") ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
    this.target = URI.create("http://" + hostText + ":" + bound.getPort() + "/health");
    this.checker = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "health-check-" + bound.getPort());
      thread.setDaemon(true);
      return thread;
    });
    checker.scheduleWithFixedDelay(this::selfCheck, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static void answer(HttpExchange exchange) throws IOException {
    try (exchange; OutputStream body = exchange.getResponseBody()) {
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(200, OK.length);
      body.write(OK);
    }
  }

  private void selfCheck() {
    if (client == null) {
      client = HttpClient.newBuilder().connectTimeout(SELF_CHECK_TIMEOUT).build();
      probe = HttpRequest.newBuilder(target).timeout(SELF_CHECK_TIMEOUT).build();
    }
    long start = System.nanoTime();
    try {
      HttpResponse<Void> response = client.send(probe, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 200) {
        HealthMetrics.FAILURES.inc();
      }
    } catch (IOException e) {
      HealthMetrics.FAILURES.inc();
    } catch (InterruptedException e) {
      // Closing interrupts a check in progress: the endpoint is going away, nothing to count.
      Thread.currentThread().interrupt();
      return;
    }
    HealthMetrics.DURATION.observe((System.nanoTime() - start) / 1e9);
  }

  @Override
  public void close() {
    checker.shutdownNow();
  }
}
