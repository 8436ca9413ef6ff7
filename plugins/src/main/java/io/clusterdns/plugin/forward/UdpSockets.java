package io.clusterdns.plugin.forward;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connected UDP sockets to one upstream, kept between queries: opening, connecting and closing
 * a socket per query costs four system calls and a file descriptor each time. Lock free: a
 * socket is owned by whoever polled it. Only a socket whose last exchange ended with the
 * matching reply comes back, so no late reply to an abandoned query waits in it; each query
 * still has its own random ID and is matched by ID and question.
 */
final class UdpSockets implements AutoCloseable {
  /** Enough for the queries that wait at once on a busy server; more are closed after use. */
  static final int MAX_IDLE = 64;

  private final InetSocketAddress address;
  private final ConcurrentLinkedDeque<DatagramSocket> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger size = new AtomicInteger();
  private volatile boolean closed;

  UdpSockets(InetSocketAddress address) {
    this.address = address;
  }

  /** An idle socket, or a new one connected to the upstream. */
  DatagramSocket take() throws IOException {
    DatagramSocket socket = idle.pollFirst();
    if (socket != null) {
      size.decrementAndGet();
      return socket;
    }
    socket = new DatagramSocket();
    try {
      // Connected, so that only the upstream's datagrams arrive and ICMP errors surface at once.
      socket.connect(address);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
    return socket;
  }

  /** Keeps a socket whose exchange completed, unless enough are idle or the upstream closed. */
  void release(DatagramSocket socket) {
    if (closed || size.incrementAndGet() > MAX_IDLE) {
      size.decrementAndGet();
      socket.close();
      return;
    }
    idle.offerFirst(socket);
    if (closed) {
      close();
    }
  }

  int idleCount() {
    return size.get();
  }

  @Override
  public void close() {
    closed = true;
    for (DatagramSocket s = idle.pollFirst(); s != null; s = idle.pollFirst()) {
      size.decrementAndGet();
      s.close();
    }
  }
}
