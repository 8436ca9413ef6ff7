package io.clusterdns.plugin.forward;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;

/**
 * The one thread of a {@code forward} that waits for every asynchronous UDP query to its
 * upstreams: it receives on the upstreams' {@link UdpChannel}s, matches each reply to its
 * attempt by ID and question, times attempts out on a {@link Deadlines} wheel, and carries the
 * query on (the next upstream, or the reply up the chain and to the client) on this thread.
 *
 * <p>Senders never wake it, except when it sleeps with no deadline before theirs (an idle
 * forwarder's first query): while attempts wait, it wakes for replies and deadlines anyway.
 */
final class UdpMultiplexer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("clusterdns.forward");
  /** Replies read from one socket before the others get their turn. */
  private static final int READ_BATCH = 64;
  private static final int RECEIVE_BUFFER = 4 << 20;
  private static final long IDLE_NANOS = TimeUnit.HOURS.toNanos(1);

  private final Selector selector;
  private final List<UdpChannel> channels = new ArrayList<>();
  /** Attempts sent since the thread last looked, to put on the wheel. */
  private final ConcurrentLinkedQueue<UdpAttempt> sent = new ConcurrentLinkedQueue<>();
  private final Deadlines deadlines = new Deadlines(System.nanoTime());
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(65535);
  private final Thread thread;
  /** Made once: the loop hands it to the wheel on every turn. */
  private final Consumer<UdpAttempt> expired = this::timedOut;
  private volatile boolean sleeping;
  private volatile long wakeAtNanos;
  private volatile boolean closed;

  UdpMultiplexer() throws IOException {
    this.selector = Selector.open();
    this.thread = new Thread(this::run, "forward-udp");
    thread.setDaemon(true);
  }

  /** Opens the socket to {@code upstream}; before {@link #start}. */
  UdpChannel open(Upstream upstream) throws IOException {
    DatagramChannel channel = DatagramChannel.open();
    try {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
      // Connected, so that only the upstream's datagrams arrive and ICMP errors surface.
      channel.connect(upstream.address().address());
      channel.configureBlocking(false);
      UdpChannel udp = new UdpChannel(channel, upstream);
      channel.register(selector, SelectionKey.OP_READ, udp);
      channels.add(udp);
      return udp;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  void start() {
    thread.start();
  }

  /** Sends an attempt from any thread; its reply or deadline comes on the socket thread. */
  void send(UdpChannel channel, UdpAttempt attempt, byte[] wire) throws IOException {
    if (closed) {
      throw new IOException("forward: closed");
    }
    channel.send(attempt, wire);
    sent.offer(attempt);
    if (sleeping && attempt.deadlineNanos - wakeAtNanos < 0) {
      selector.wakeup();
    }
  }

  private void run() {
    try {
      while (!closed) {
        schedule();
        long now = System.nanoTime();
        deadlines.expire(now, expired);
        long wakeAt = deadlines.next(now, IDLE_NANOS);
        wakeAtNanos = wakeAt;
        sleeping = true;
        // Read after announcing the sleep: a sender that queued before it is seen here, one
        // that queues after it sees the sleep and wakes the selector if its deadline is sooner.
        if (sent.isEmpty()) {
          selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wakeAt - now + 999_999)));
        } else {
          selector.selectNow();
        }
        sleeping = false;
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          try {
            read((UdpChannel) key.attachment());
          } catch (RuntimeException e) {
            // A fault in one query must not stop the thread every other query waits on.
            LOG.error("forward: handling an upstream reply failed: {}", e.toString(), e);
          }
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      if (!closed) {
        LOG.error("forward: the UDP socket thread stopped: {}", e.toString());
      }
    } finally {
      failAll("forward: closed");
    }
  }

  /** Puts the attempts sent meanwhile on the wheel, unless already answered. */
  private void schedule() {
    for (UdpAttempt attempt = sent.poll(); attempt != null; attempt = sent.poll()) {
      if (attempt.upstream.udpChannel().waiting(attempt.id) == attempt) {
        deadlines.add(attempt);
      }
    }
  }

  private void read(UdpChannel channel) {
    for (int i = 0; i < READ_BATCH; i++) {
      buffer.clear();
      int length;
      try {
        length = channel.channel.read(buffer);
      } catch (PortUnreachableException e) {
        // Nothing listens at the upstream: every query waiting there fails over now.
        for (UdpAttempt attempt : channel.releaseAll()) {
          deadlines.remove(attempt);
          attempt.query.failed(attempt, new IOException("read udp " + channel.upstream.address().label()
              + ": connection refused"));
        }
        continue;
      } catch (IOException e) {
        LOG.debug("forward: receiving from {}: {}", channel.upstream.address().label(), e.toString());
        return;
      }
      if (length <= 0) {
        return;
      }
      if (length < 12) {
        continue;
      }
      buffer.flip();
      int id = (buffer.get(0) & 0xFF) << 8 | buffer.get(1) & 0xFF;
      UdpAttempt attempt = channel.waiting(id);
      if (attempt == null) {
        // A late reply to an attempt that timed out, or a forged one: ignored.
        continue;
      }
      byte[] bytes = new byte[length];
      buffer.get(bytes);
      Message reply;
      try {
        reply = new Message(bytes);
      } catch (IOException | RuntimeException e) {
        continue;
      }
      // Anything that does not match (garbage, another question) is ignored, as a resolver must.
      if (attempt.query.matches(reply, id) && channel.release(attempt)) {
        deadlines.remove(attempt);
        attempt.query.replied(attempt, reply);
      }
    }
  }

  private void timedOut(UdpAttempt attempt) {
    if (attempt.upstream.udpChannel().release(attempt)) {
      try {
        attempt.query.failed(attempt, new Upstream.UpstreamTimeoutException(
            "read udp " + attempt.upstream.address().label() + ": i/o timeout"));
      } catch (RuntimeException e) {
        LOG.error("forward: handling an upstream timeout failed: {}", e.toString(), e);
      }
    }
  }

  /** Ends every waiting query (each gets its SERVFAIL): the forwarder closes. */
  private void failAll(String why) {
    for (UdpChannel channel : channels) {
      for (UdpAttempt attempt : channel.releaseAll()) {
        attempt.query.abandon(why);
      }
    }
  }

  /** Stops the thread, which fails what still waits, and closes the sockets. */
  @Override
  public void close() {
    closed = true;
    selector.wakeup();
    if (thread.isAlive() && Thread.currentThread() != thread) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // Also what a sender queued while the thread stopped, or all of it if it never ran.
    failAll("forward: closed");
    for (UdpChannel channel : channels) {
      try {
        channel.channel.close();
      } catch (IOException e) {
        LOG.debug("forward: closing {}: {}", channel.upstream.address().label(), e.toString());
      }
    }
    try {
      selector.close();
    } catch (IOException e) {
      LOG.debug("forward: closing the selector: {}", e.toString());
    }
  }
}
