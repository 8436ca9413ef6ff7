package io.clusterdns.plugin.forward;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;

/**
 * One query forwarded without a waiting thread: each attempt is a datagram on the upstream's
 * shared {@link UdpChannel}, and the {@link UdpMultiplexer}'s thread goes on from its reply or
 * its deadline: the next upstream, the next plugin, or the reply. The same choices as the
 * waiting path ({@link Attempts}). What may wait, a truncated reply asked again over TCP and
 * the next plugin after {@code next}, runs on {@code waiting}, a bounded pool.
 *
 * <p>Touched by one thread at a time: the caller until the first datagram is sent, then the
 * thread that ended the attempt (published through the channel's compare-and-set).
 */
final class AsyncForward {
  private final ForwardHandler handler;
  private final UdpMultiplexer multiplexer;
  private final Executor waiting;
  private final Request request;
  private final Chain next;
  private final Attempts attempts;
  private final Record question;
  private final byte[] wire;
  private final long readTimeoutNanos;
  private final CompletableFuture<Message> result = new CompletableFuture<>();

  AsyncForward(ForwardHandler handler, UdpMultiplexer multiplexer, Executor waiting, Request request, Chain next,
      Attempts attempts, long readTimeoutNanos) {
    this.handler = handler;
    this.multiplexer = multiplexer;
    this.waiting = waiting;
    this.request = request;
    this.next = next;
    this.attempts = attempts;
    this.question = request.question();
    this.wire = request.query().toWire();
    this.readTimeoutNanos = readTimeoutNanos;
  }

  CompletableFuture<Message> start() {
    advance();
    return result;
  }

  /** Sends the next attempt, or ends the query when none is left. */
  private void advance() {
    for (Upstream upstream = attempts.next(); upstream != null; upstream = attempts.next()) {
      long now = System.nanoTime();
      long deadline = Math.min(now + readTimeoutNanos, attempts.deadlineNanos());
      UdpAttempt attempt = new UdpAttempt(this, upstream, now, deadline);
      try {
        multiplexer.send(upstream.udpChannel(), attempt, wire);
        return;
      } catch (IOException e) {
        attempts.failed(upstream, e);
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
    }
    finish(attempts.giveUp(request));
  }

  /** Whether {@code reply} answers this query's attempt under {@code id}. */
  boolean matches(Message reply, int id) {
    return Upstream.matches(reply, id, question);
  }

  /** The upstream answered the attempt. */
  void replied(UdpAttempt attempt, Message reply) {
    try {
      if (reply.getHeader().getFlag(Flags.TC)) {
        retryOverTcp(attempt);
        return;
      }
      attempt.upstream.observe(reply.getRcode(), System.nanoTime() - attempt.sentNanos);
      answered(reply);
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  /** The attempt failed (timed out, refused): the next upstream, if any. */
  void failed(UdpAttempt attempt, IOException error) {
    try {
      attempts.failed(attempt.upstream, error);
      advance();
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  /** The forwarder closes while the attempt waits. */
  void abandon(String why) {
    finish(Replies.servfail(request, ExtendedErrorCodeOption.NETWORK_ERROR, why));
  }

  private void answered(Message reply) {
    if (attempts.failsOver(reply)) {
      advance();
      return;
    }
    if (handler.passesOn(reply)) {
      passOn();
      return;
    }
    finish(ForwardHandler.asClientReply(request, reply));
  }

  /**
   * Hands the query to the next plugin ({@code next}) on a {@code waiting} thread: that plugin
   * may wait (another forward over TLS), which this thread must not.
   */
  private void passOn() {
    try {
      waiting.execute(() -> next.nextAsync(request).whenComplete((passed, error) -> {
        if (error != null) {
          fail(error);
        } else {
          finish(passed);
        }
      }));
    } catch (RejectedExecutionException e) {
      finish(Replies.servfail(request, ExtendedErrorCodeOption.OTHER,
          "forward: too many queries handed on at once"));
    }
  }

  private void retryOverTcp(UdpAttempt attempt) {
    Upstream upstream = attempt.upstream;
    int id = attempt.id;
    try {
      waiting.execute(() -> {
        try {
          int timeout = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(readTimeoutNanos));
          Message reply;
          try {
            reply = upstream.stream(wire, id, question, timeout, attempts.deadlineNanos());
          } catch (IOException e) {
            failed(attempt, e);
            return;
          }
          upstream.observe(reply.getRcode(), System.nanoTime() - attempt.sentNanos);
          answered(reply);
        } catch (RuntimeException e) {
          fail(e);
        }
      });
    } catch (RejectedExecutionException e) {
      failed(attempt, new IOException("forward: too many truncated replies asked again over TCP at once"));
    }
  }

  /** Ends the query with {@code reply}; a query ends once (close may race with its reply). */
  private void finish(Message reply) {
    if (!result.isDone()) {
      handler.ended();
      result.complete(reply);
    }
  }

  /** Ends the query with a failure, which the server turns into SERVFAIL. */
  private void fail(Throwable error) {
    if (!result.isDone()) {
      handler.ended();
      result.completeExceptionally(error);
    }
  }
}
