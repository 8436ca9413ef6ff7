package io.clusterdns.plugin.forward;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The non-blocking UDP socket to one upstream that every asynchronous query to it shares, and
 * the attempts waiting on it by query ID. Any thread sends (a datagram channel sends safely
 * from several); only the socket thread receives. An ID is claimed with one compare-and-set,
 * so no lock is taken and nothing is allocated but the attempt.
 */
final class UdpChannel {
  /**
   * Attempts waiting at once on one upstream; more fail at once (the query tries the next
   * upstream). A quarter of the ID space, so that a random ID is free three times in four.
   */
  static final int MAX_WAITING = 16384;
  private static final int ID_SPACE = 1 << 16;
  private static final int ID_TRIES = 16;

  final DatagramChannel channel;
  final Upstream upstream;
  private final AtomicReferenceArray<UdpAttempt> waiting = new AtomicReferenceArray<>(ID_SPACE);
  private final AtomicInteger count = new AtomicInteger();

  UdpChannel(DatagramChannel channel, Upstream upstream) {
    this.channel = channel;
    this.upstream = upstream;
  }

  /**
   * Gives {@code attempt} a random ID no other waiting attempt has, writes it into {@code
   * wire} and sends it. On failure the ID is free again and nothing waits.
   */
  void send(UdpAttempt attempt, byte[] wire) throws IOException {
    claim(attempt);
    wire[0] = (byte) (attempt.id >>> 8);
    wire[1] = (byte) attempt.id;
    try {
      if (channel.write(ByteBuffer.wrap(wire)) == 0) {
        throw new IOException("write udp " + upstream.address().label() + ": socket buffer full");
      }
    } catch (IOException | RuntimeException e) {
      release(attempt);
      throw e;
    }
  }

  private void claim(UdpAttempt attempt) throws IOException {
    if (count.incrementAndGet() > MAX_WAITING) {
      count.decrementAndGet();
      throw new IOException("forward: " + MAX_WAITING + " queries already wait for " + upstream.address().label());
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < ID_TRIES; i++) {
      int id = random.nextInt(ID_SPACE);
      attempt.id = id;
      if (waiting.compareAndSet(id, null, attempt)) {
        return;
      }
    }
    count.decrementAndGet();
    throw new IOException("forward: no free query ID for " + upstream.address().label());
  }

  /** The attempt waiting under {@code id}, or null. */
  UdpAttempt waiting(int id) {
    return waiting.get(id);
  }

  /** Ends the wait of {@code attempt}; false when it had already ended (answered, timed out). */
  boolean release(UdpAttempt attempt) {
    if (waiting.compareAndSet(attempt.id, attempt, null)) {
      count.decrementAndGet();
      return true;
    }
    return false;
  }

  /** Ends the wait of every attempt and returns them (the upstream refused, or closing). */
  List<UdpAttempt> releaseAll() {
    List<UdpAttempt> released = new ArrayList<>();
    if (count.get() == 0) {
      return released;
    }
    for (int id = 0; id < ID_SPACE; id++) {
      UdpAttempt attempt = waiting.get(id);
      if (attempt != null && release(attempt)) {
        released.add(attempt);
      }
    }
    return released;
  }
}
