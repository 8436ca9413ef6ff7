package io.clusterdns.plugin.errors;

import io.clusterdns.plugin.AsyncHandler;
import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.WireHandler;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.event.Level;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Turns a failure of the rest of the chain into SERVFAIL and logs it in CoreDNS's form,
 * {@code plugin/errors: 2 <qname> <qtype>: <message>}, or counts it under the first matching
 * {@code consolidate} rule and prints one summary per period.
 */
final class ErrorsHandler implements Handler, AsyncHandler, WireHandler, Lifecycle, Deterministic {
  private static final String PREFIX = "plugin/errors: ";

  private final boolean stacktrace;
  private final List<Counter> counters;
  private final ErrorSink sink;
  private final DelayedRunner runner;
  private final AtomicBoolean closed = new AtomicBoolean();

  ErrorsHandler(ErrorsOptions options, ErrorSink sink, DelayedRunner runner) {
    this.stacktrace = options.stacktrace();
    this.counters = options.consolidations().stream().map(Counter::new).toList();
    this.sink = sink;
    this.runner = runner;
  }

  @Override
  public Message serve(Request request, Chain next) {
    try {
      return next.next(request);
    } catch (Exception e) {
      report(request, e);
      return Replies.servfail(request);
    }
  }

  /** {@link #serve} for a chain that answers later: the failure is reported when it comes. */
  @Override
  public CompletionStage<Message> serveAsync(Request request, Chain next) {
    return next.nextAsync(request).exceptionally(error -> {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (!(cause instanceof Exception failure)) {
        throw error instanceof CompletionException c ? c : new CompletionException(cause);
      }
      report(request, failure);
      return Replies.servfail(request);
    });
  }

  /**
   * A wire reply (a cache hit) is a success, with nothing to report; a failure gives null, and
   * the message path that runs next meets it again and reports it as {@link #serve} does.
   */
  @Override
  public byte[] serveWire(Request request, Chain next, int maxLength) {
    try {
      return next.nextWire(request, maxLength);
    } catch (Exception e) {
      return null;
    }
  }

  /** Passes answers through unchanged; a failure gives SERVFAIL, which the server never reuses. */
  @Override
  public long generation() {
    return 0;
  }

  private void report(Request request, Exception failure) {
    String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    for (Counter counter : counters) {
      if (counter.rule.pattern().matcher(message).find()) {
        if (counter.count(request, failure, message)) {
          return;
        }
        break;
      }
    }
    sink.write(Level.ERROR, line(request, message), stacktrace ? failure : null);
  }

  private String line(Request request, String message) {
    return PREFIX + Rcode.SERVFAIL + " " + request.qname() + " " + Type.string(request.qtype()) + ": " + message;
  }

  /** Prints what is still counted, so a shutdown loses no summary. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      runner.close();
      counters.forEach(Counter::flush);
    }
  }

  /** The count of one rule for its current period. */
  private final class Counter {
    private final Consolidation rule;
    private final String summary;
    private final AtomicInteger count = new AtomicInteger();

    Counter(Consolidation rule) {
      this.rule = rule;
      this.summary = " errors like '" + rule.pattern().pattern() + "' occurred in last " + rule.periodText();
    }

    /** Counts one error; false once closed, when the error is logged on its own instead. */
    boolean count(Request request, Exception failure, String message) {
      if (closed.get()) {
        return false;
      }
      if (count.incrementAndGet() == 1) {
        if (rule.showFirst()) {
          sink.write(rule.level(), line(request, message), stacktrace ? failure : null);
        }
        runner.runAfter(rule.period(), this::flush);
      }
      return true;
    }

    void flush() {
      int n = count.getAndSet(0);
      if (n > 0) {
        sink.write(rule.level(), PREFIX + n + summary, null);
      }
    }
  }
}
