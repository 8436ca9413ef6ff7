package io.clusterdns.plugin.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.testkit.Queries;
import io.clusterdns.plugin.testkit.RecordingChain;
import io.clusterdns.plugin.testkit.WireChain;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

class ErrorsHandlerTest {
  private final List<String> lines = new ArrayList<>();
  private final List<Throwable> causes = new ArrayList<>();
  private final ErrorSink sink =
      (level, line, cause) -> {
        lines.add(level + " " + line);
        causes.add(cause);
      };
  private final ManualRunner runner = new ManualRunner();
  private final Request request = Queries.request("Example.org.", Type.AAAA);

  @Test
  void answerOfTheNextPluginPassesThroughUnlogged() throws Exception {
    ErrorsHandler handler = handler(false);

    Message reply = handler.serve(request, RecordingChain.answering());

    assertEquals(RecordingChain.NEXT_RCODE, reply.getRcode());
    assertEquals(List.of(), lines);
  }

  @Test
  void failureBecomesServfailAndOneCoreDnsStyleLine() {
    ErrorsHandler handler = handler(false);

    Message reply = handler.serve(request, RecordingChain.failingWith(new IOException("read udp 10.0.0.1:53: i/o timeout")));

    assertEquals(Rcode.SERVFAIL, reply.getRcode());
    assertEquals(request.id(), reply.getHeader().getID());
    assertEquals(List.of("ERROR plugin/errors: 2 Example.org. AAAA: read udp 10.0.0.1:53: i/o timeout"), lines);
    assertNull(causes.get(0));
  }

  @Test
  void aFailureThatComesLaterBecomesServfailAndTheSameLine() throws Exception {
    ErrorsHandler handler = handler(false);
    CompletableFuture<Message> later = new CompletableFuture<>();

    CompletableFuture<Message> reply = handler.serveAsync(request, new Chain() {
      @Override
      public Message next(Request r) {
        throw new AssertionError("the asynchronous path must not call next()");
      }

      @Override
      public CompletionStage<Message> nextAsync(Request r) {
        return later;
      }
    }).toCompletableFuture();
    assertFalse(reply.isDone());
    assertEquals(List.of(), lines);
    later.completeExceptionally(new CompletionException(new IOException("read udp 10.0.0.1:53: i/o timeout")));

    assertEquals(Rcode.SERVFAIL, reply.get().getRcode());
    assertEquals(List.of("ERROR plugin/errors: 2 Example.org. AAAA: read udp 10.0.0.1:53: i/o timeout"), lines);
  }

  @Test
  void failureWithoutMessageIsLoggedByItsClass() {
    handler(false).serve(request, RecordingChain.failingWith(new IllegalStateException()));

    assertEquals(List.of("ERROR plugin/errors: 2 Example.org. AAAA: java.lang.IllegalStateException"), lines);
  }

  @Test
  void stacktraceOptionHandsTheFailureToTheLog() {
    IllegalStateException failure = new IllegalStateException("broken");

    handler(true).serve(request, RecordingChain.failingWith(failure));

    assertSame(failure, causes.get(0));
  }

  @Test
  void matchingErrorsAreCountedAndSummarisedOncePerPeriod() {
    ErrorsHandler handler = handler(false, new Consolidation(Duration.ofSeconds(30), Pattern.compile("timeout$"), Level.WARN, false));
    RecordingChain timeout = RecordingChain.failingWith(new IOException("i/o timeout"));

    for (int i = 0; i < 3; i++) {
      assertEquals(Rcode.SERVFAIL, handler.serve(request, timeout).getRcode());
    }
    handler.serve(request, RecordingChain.failingWith(new IOException("connection refused")));

    assertEquals(List.of("ERROR plugin/errors: 2 Example.org. AAAA: connection refused"), lines);
    assertEquals(List.of(Duration.ofSeconds(30)), runner.delays);

    runner.runPending();
    assertEquals("WARN plugin/errors: 3 errors like 'timeout$' occurred in last 30s", lines.get(1));

    handler.serve(request, timeout);
    runner.runPending();
    assertEquals("WARN plugin/errors: 1 errors like 'timeout$' occurred in last 30s", lines.get(2));
    assertEquals(3, lines.size());
  }

  @Test
  void showFirstPrintsTheFirstErrorOfEachPeriodAtOnce() {
    ErrorsHandler handler = handler(false, new Consolidation(Duration.ofMinutes(5), Pattern.compile("^Failed"), Level.INFO, true));
    RecordingChain failing = RecordingChain.failingWith(new IOException("Failed to dial"));

    handler.serve(request, failing);
    handler.serve(request, failing);

    assertEquals(List.of("INFO plugin/errors: 2 Example.org. AAAA: Failed to dial"), lines);
    runner.runPending();
    assertEquals("INFO plugin/errors: 2 errors like '^Failed' occurred in last 5m0s", lines.get(1));
  }

  @Test
  void firstMatchingRuleTakesTheError() {
    ErrorsHandler handler =
        handler(
            false,
            new Consolidation(Duration.ofSeconds(10), Pattern.compile("refused"), Level.ERROR, false),
            new Consolidation(Duration.ofSeconds(20), Pattern.compile("connection"), Level.ERROR, false));

    handler.serve(request, RecordingChain.failingWith(new IOException("connection refused")));
    runner.runPending();

    assertEquals(List.of("ERROR plugin/errors: 1 errors like 'refused' occurred in last 10s"), lines);
  }

  @Test
  void closePrintsPendingCountsAndLaterErrorsAreLoggedOnTheirOwn() {
    ErrorsHandler handler = handler(false, new Consolidation(Duration.ofSeconds(30), Pattern.compile("x"), Level.ERROR, false));
    RecordingChain failing = RecordingChain.failingWith(new IOException("x"));

    handler.serve(request, failing);
    handler.close();
    handler.serve(request, failing);

    assertEquals(
        List.of(
            "ERROR plugin/errors: 1 errors like 'x' occurred in last 30s",
            "ERROR plugin/errors: 2 Example.org. AAAA: x"),
        lines);
    assertEquals(true, runner.closed);
  }

  @Test
  void concurrentErrorsAreAllCountedInOneSummary() throws Exception {
    ErrorsHandler handler = handler(false, new Consolidation(Duration.ofSeconds(30), Pattern.compile("x"), Level.ERROR, false));
    RecordingChain failing = RecordingChain.failingWith(new IOException("x"));
    int threads = 4;
    int perThread = 2_000;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            handler.serve(request, failing);
          }
        }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    runner.runPending();

    assertEquals(List.of("ERROR plugin/errors: 8000 errors like 'x' occurred in last 30s"), lines);
  }

  @Test
  void aWireReplyIsASuccessPassedOnUnlogged() throws Exception {
    byte[] hit = {1, 2, 3};
    WireChain next = WireChain.of(hit);

    assertSame(hit, handler(false).serveWire(request, next, 512));
    assertNull(handler(false).serveWire(request, WireChain.of(null), 512));
    assertEquals(List.of(), lines);
  }

  @Test
  void aFailureOnTheWirePathIsLeftToTheMessagePathToReportOnce() throws Exception {
    ErrorsHandler handler = handler(false);
    IOException failure = new IOException("read udp 10.0.0.1:53: i/o timeout");
    Chain failing = new Chain() {
      @Override
      public Message next(Request r) throws Exception {
        throw failure;
      }

      @Override
      public byte[] nextWire(Request r, int maxLength) throws Exception {
        throw failure;
      }
    };

    assertNull(handler.serveWire(request, failing, 512));
    assertEquals(List.of(), lines);
    assertEquals(Rcode.SERVFAIL, handler.serve(request, failing).getRcode());
    assertEquals(List.of("ERROR plugin/errors: 2 Example.org. AAAA: read udp 10.0.0.1:53: i/o timeout"), lines);
  }

  private ErrorsHandler handler(boolean stacktrace, Consolidation... rules) {
    return new ErrorsHandler(new ErrorsOptions(stacktrace, List.of(rules)), sink, runner);
  }

  /** Keeps delayed tasks until the test says their time has come. */
  private static final class ManualRunner implements DelayedRunner {
    final List<Duration> delays = new ArrayList<>();
    final List<Runnable> pending = new ArrayList<>();
    boolean closed;

    @Override
    public synchronized void runAfter(Duration delay, Runnable task) {
      delays.add(delay);
      pending.add(task);
    }

    void runPending() {
      List<Runnable> due = List.copyOf(pending);
      pending.clear();
      due.forEach(Runnable::run);
    }

    @Override
    public void close() {
      closed = true;
      pending.clear();
    }
  }
}
