package io.clusterdns.plugin.explain;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /explain?name=…} on one shared listener: the report as text, 200 whether or not the
 * name resolved (the header {@code X-Explain-Resolved} says which), 400 with the reason for a bad
 * query string, 405 for another method, 503 while no server block with explain runs.
 *
 * <p>A report can take seconds (a resolver waiting out its timeout), so it is made on threads of
 * the endpoint's own: the listener's one thread goes on serving the other endpoints it may share
 * the address with, such as {@code /health}, whose probe must not wait behind it.
 */
final class ExplainEndpoint implements AutoCloseable {
  static final String RESOLVED_HEADER = "X-Explain-Resolved";
  private static final int THREADS = 2;

  private final ExecutorService workers = Executors.newFixedThreadPool(THREADS, task -> {
    Thread thread = new Thread(task, "explain");
    thread.setDaemon(true);
    return thread;
  });
  private volatile Explainer current;

  ExplainEndpoint(HttpServer server) {
    server.createContext("/explain", exchange -> workers.execute(() -> answerQuietly(exchange)));
  }

  private void answerQuietly(HttpExchange exchange) {
    try {
      answer(exchange);
    } catch (IOException e) {
      // The client went away before its report was sent: nobody is left to tell.
    }
  }

  synchronized void use(Explainer explainer) {
    current = explainer;
  }

  /** Stops explaining through {@code explainer}, unless a newer one (a reload's) took over. */
  synchronized void release(Explainer explainer) {
    if (current == explainer) {
      current = null;
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        send(exchange, 405, "explain: only GET is served\n");
        return;
      }
      Explainer explainer = current;
      if (explainer == null) {
        send(exchange, 503, "explain: the server is not running\n");
        return;
      }
      Explanation explanation;
      try {
        explanation = explainer.explain(ExplainParameters.parse(exchange.getRequestURI().getRawQuery()));
      } catch (IllegalArgumentException e) {
        send(exchange, 400, "explain: " + e.getMessage() + "\n");
        return;
      } catch (IOException | IllegalStateException e) {
        send(exchange, 503, "explain: " + e.getMessage() + "\n");
        return;
      }
      exchange.getResponseHeaders().set(RESOLVED_HEADER, Boolean.toString(explanation.resolved()));
      send(exchange, 200, explanation.text());
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }

  private static void send(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
