package io.clusterdns.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replies that other threads owe to the queries of one UDP socket (an asynchronous chain's,
 * forward over UDP, or a delayed one): they send them through the socket, and closing it waits
 * for them. Made once per socket, so that handing it to the processor costs nothing per query.
 */
final class LateUdpReplies implements QueryProcessor.LateSender {
  /** Logged as the UDP listener, as before this class was split off it: log filters keep working. */
  private static final Logger LOG = LoggerFactory.getLogger(UdpListener.class);
  /** How long closing waits for replies still owed (forward's query deadline and a margin). */
  private static final long AWAIT_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(6);
  private static final long AWAIT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final DatagramChannel channel;
  private final AtomicInteger awaited = new AtomicInteger();

  LateUdpReplies(DatagramChannel channel) {
    this.channel = channel;
  }

  /** Sends a delayed reply from another thread; a datagram channel sends safely from several. */
  @Override
  public void send(byte[] reply, InetSocketAddress remote) {
    try {
      channel.send(ByteBuffer.wrap(reply), remote);
    } catch (IOException e) {
      LOG.debug("late UDP reply to {} failed: {}", remote, e.toString());
    }
  }

  @Override
  public void awaiting() {
    awaited.incrementAndGet();
  }

  @Override
  public void answered() {
    awaited.decrementAndGet();
  }

  /**
   * Waits until the replies that other threads owe to queries of this socket are sent, for
   * at most {@link #AWAIT_LIMIT_NANOS}: forward gives every query up at its 5 s deadline.
   */
  void awaitAnswered() {
    long deadline = System.nanoTime() + AWAIT_LIMIT_NANOS;
    while (awaited.get() > 0 && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(AWAIT_POLL_NANOS);
    }
  }
}
