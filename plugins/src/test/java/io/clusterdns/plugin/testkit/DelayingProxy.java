package io.clusterdns.plugin.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP proxy on 127.0.0.1 in front of a real upstream that holds every query for a fixed delay
 * before passing it on, and relays the replies: an upstream further away, with no netem. It
 * counts the queries it holds, so a test sees how many are in flight together; after {@link
 * #hold} it keeps every query until {@link #release}, so that a test needs no timing.
 */
public final class DelayingProxy implements AutoCloseable {
  private final DatagramSocket front;
  private final DatagramSocket back;
  private final long delayNanos;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "proxy-timer"));
  /** Who sent the query now waiting under each ID (the upstream echoes it). */
  private final Map<Integer, SocketAddress> senders = new ConcurrentHashMap<>();
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicInteger received = new AtomicInteger();
  private final List<byte[]> parked = new ArrayList<>();
  private boolean holding;

  public DelayingProxy(InetSocketAddress upstream, Duration delay) {
    try {
      front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      back = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      back.connect(upstream);
      front.setReceiveBufferSize(4 << 20);
      back.setReceiveBufferSize(4 << 20);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.delayNanos = delay.toNanos();
    daemon(this::takeQueries, "proxy-front").start();
    daemon(this::relayReplies, "proxy-back").start();
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  /** {@code 127.0.0.1:PORT}, as a Corefile names an upstream. */
  public String to() {
    return "127.0.0.1:" + front.getLocalPort();
  }

  /** Queries received and not yet answered. */
  public int heldNow() {
    return held.get();
  }

  /** Keeps every query from now on until {@link #release}. */
  public synchronized void hold() {
    holding = true;
  }

  /** Passes the kept queries on, and the later ones after the delay again. */
  public void release() {
    List<byte[]> kept;
    synchronized (this) {
      holding = false;
      kept = new ArrayList<>(parked);
      parked.clear();
    }
    kept.forEach(this::pass);
  }

  /** Queries received in all. */
  public int received() {
    return received.get();
  }

  private void takeQueries() {
    byte[] buffer = new byte[65535];
    while (!front.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        front.receive(packet);
      } catch (IOException e) {
        return;
      }
      if (packet.getLength() < 12) {
        continue;
      }
      byte[] query = Arrays.copyOf(buffer, packet.getLength());
      senders.put(id(query), packet.getSocketAddress());
      received.incrementAndGet();
      held.incrementAndGet();
      synchronized (this) {
        if (holding) {
          parked.add(query);
          continue;
        }
      }
      timer.schedule(() -> pass(query), delayNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void pass(byte[] query) {
    try {
      back.send(new DatagramPacket(query, query.length));
    } catch (IOException e) {
      held.decrementAndGet();
    }
  }

  private void relayReplies() {
    byte[] buffer = new byte[65535];
    while (!back.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        back.receive(packet);
        if (packet.getLength() < 12) {
          continue;
        }
        SocketAddress sender = senders.remove(id(buffer));
        if (sender != null) {
          held.decrementAndGet();
          front.send(new DatagramPacket(buffer, packet.getLength(), sender));
        }
      } catch (IOException e) {
        if (back.isClosed()) {
          return;
        }
      }
    }
  }

  private static int id(byte[] message) {
    return (message[0] & 0xFF) << 8 | message[1] & 0xFF;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    front.close();
    back.close();
  }
}
