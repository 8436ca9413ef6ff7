package io.clusterdns.plugin.ready;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code /ready} on one shared listener: the union of the readiness of every server block (of
 * every configuration, during a reload) that uses {@code ready} on this address. 200 {@code OK}
 * when all are ready; 503 with the sorted, comma-separated names of the plugins that are not;
 * 503 {@code Shutting down} once the process began stopping.
 */
final class ReadyEndpoint {
  private final List<ReadyHandler> members = new CopyOnWriteArrayList<>();

  ReadyEndpoint(HttpServer server) {
    server.createContext("/ready", this::answer);
  }

  void join(ReadyHandler member) {
    members.add(member);
  }

  void leave(ReadyHandler member) {
    members.remove(member);
  }

  private void answer(HttpExchange exchange) throws IOException {
    TreeSet<String> notReady = new TreeSet<>();
    boolean stopping = false;
    for (ReadyHandler member : members) {
      stopping |= member.isStopping();
      member.addNotReady(notReady);
    }
    if (stopping) {
      send(exchange, 503, "Shutting down");
    } else if (notReady.isEmpty()) {
      send(exchange, 200, "OK");
    } else {
      send(exchange, 503, String.join(",", notReady));
    }
  }

  private static void send(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    try (exchange; OutputStream out = exchange.getResponseBody()) {
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(status, body.length);
      out.write(body);
    }
  }
}
