package io.clusterdns.plugin.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A real HTTP client for the health, ready and metrics endpoints. Its timeouts are generous (a
 * loaded machine can take seconds to answer): a port where nothing listens refuses at once.
 */
public final class HttpProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  private HttpProbe() {}

  /** Status and body of one answer. */
  public record Answer(int status, String body) {
    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  /** GETs {@code path}; throws (ConnectException) when nothing listens. */
  public static Answer get(InetSocketAddress address, String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + path))
        .timeout(TIMEOUT).build();
    HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  /** GETs {@code path}, or null when nothing listens there. */
  public static Answer getOrNull(InetSocketAddress address, String path) throws InterruptedException {
    try {
      return get(address, path);
    } catch (IOException e) {
      return null;
    }
  }

  /** A TCP port free on 127.0.0.1 right now, for tests that must write a port into a Corefile. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
