package io.clusterdns.plugin.forward;

/**
 * One UDP attempt of an asynchronous query: sent to one upstream under a random ID, waiting for
 * the matching reply until its deadline. The links are the {@link Deadlines} wheel's, touched
 * only by the socket thread.
 */
final class UdpAttempt {
  final AsyncForward query;
  final Upstream upstream;
  final long sentNanos;
  final long deadlineNanos;
  /** Set by {@link UdpChannel#claim} before the attempt is sent, read after. */
  int id;
  /** The wheel's slot, while {@link #scheduled}. */
  int slot;
  UdpAttempt previous;
  UdpAttempt next;
  boolean scheduled;

  UdpAttempt(AsyncForward query, Upstream upstream, long sentNanos, long deadlineNanos) {
    this.query = query;
    this.upstream = upstream;
    this.sentNanos = sentNanos;
    this.deadlineNanos = deadlineNanos;
  }
}
