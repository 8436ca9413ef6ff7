package io.clusterdns.server;

import io.clusterdns.plugin.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives queries on one UDP address with one socket and one thread per worker, the sockets
 * sharing the port through SO_REUSEPORT so the kernel spreads clients over them. Each thread
 * answers its own packets; nothing is shared between threads but the processor.
 *
 * <p>Receives block without a timeout (a timed receive costs two more system calls per packet)
 * into direct buffers, and a cached reply goes out from a direct buffer without allocating.
 */
final class UdpListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UdpListener.class);
  /** A large receive buffer: with the kernel default, bursts of queries are dropped. */
  private static final int RECEIVE_BUFFER = 8 << 20;
  private static final int MAX_DATAGRAM = 65535;

  private final QueryProcessor processor;
  private final List<Worker> workers = new ArrayList<>();
  private volatile boolean running = true;

  private UdpListener(QueryProcessor processor) {
    this.processor = processor;
  }

  /** Binds {@code workers} sockets to {@code address} (port 0 picks one port for all). */
  static UdpListener bind(InetSocketAddress address, int workers, QueryProcessor processor)
      throws IOException {
    UdpListener listener = new UdpListener(processor);
    try {
      InetSocketAddress bound = address;
      boolean reusePort = workers > 1 && supportsReusePort();
      if (reusePort) {
        bound = exclusiveProbe(address);
      }
      int count = reusePort ? workers : 1;
      for (int i = 0; i < count; i++) {
        DatagramChannel channel = DatagramChannel.open();
        listener.workers.add(listener.new Worker(channel));
        if (reusePort) {
          channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
        channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
        channel.bind(bound);
        bound = (InetSocketAddress) channel.getLocalAddress();
      }
      return listener;
    } catch (IOException | RuntimeException e) {
      listener.close();
      throw e;
    }
  }

  /**
   * Binds and closes one socket without SO_REUSEPORT, which fails if any other socket holds the
   * port: with the option, a socket would join the group of another server of the same user and
   * take a share of its queries. Returns the address with the port it got (for port 0).
   */
  private static InetSocketAddress exclusiveProbe(InetSocketAddress address) throws IOException {
    try (DatagramChannel probe = DatagramChannel.open()) {
      probe.bind(address);
      return (InetSocketAddress) probe.getLocalAddress();
    }
  }

  private static boolean supportsReusePort() {
    try (DatagramChannel probe = DatagramChannel.open()) {
      return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
    } catch (IOException e) {
      return false;
    }
  }

  InetSocketAddress address() {
    try {
      return (InetSocketAddress) workers.get(0).channel.getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException("UDP listener already closed", e);
    }
  }

  void start(String name) {
    for (int i = 0; i < workers.size(); i++) {
      Worker worker = workers.get(i);
      worker.thread = new Thread(worker::serve, name + "-udp-" + i);
      worker.thread.setDaemon(true);
      worker.thread.start();
    }
  }

  /**
   * Stops receiving, lets every worker finish the query it holds, then closes the sockets. A
   * worker waiting for a packet is woken by closing its socket.
   */
  @Override
  public void close() {
    running = false;
    for (Worker worker : workers) {
      worker.stop();
    }
  }

  /** One socket and the thread that serves it. */
  private final class Worker {
    private final DatagramChannel channel;
    private final Object answering = new Object();
    /** Made once, so that handing it to the processor costs nothing per query. */
    private final QueryProcessor.LateSender late = this::sendLate;
    private Thread thread;

    Worker(DatagramChannel channel) {
      this.channel = channel;
    }

    void serve() {
      ByteBuffer in = ByteBuffer.allocateDirect(MAX_DATAGRAM);
      ByteBuffer out = ByteBuffer.allocateDirect(MAX_DATAGRAM);
      byte[] query = new byte[MAX_DATAGRAM];
      while (running) {
        in.clear();
        SocketAddress remote;
        try {
          remote = channel.receive(in);
        } catch (ClosedChannelException e) {
          break;
        } catch (IOException e) {
          LOG.error("UDP receive on {} failed: {}", channel, e.toString());
          continue;
        }
        synchronized (answering) {
          int length = in.flip().remaining();
          in.get(query, 0, length);
          answer(query, length, remote, out);
        }
      }
    }

    private void answer(byte[] query, int length, SocketAddress remote, ByteBuffer out) {
      ByteBuffer reply = out;
      if (!processor.processCached(query, length, Transport.UDP, remote, out)) {
        byte[] full = processor.processFully(query, length, (InetSocketAddress) remote, Transport.UDP, late);
        if (full == null) {
          return;
        }
        reply = ByteBuffer.wrap(full);
      }
      try {
        channel.send(reply, remote);
      } catch (IOException e) {
        LOG.debug("UDP reply to {} failed: {}", remote, e.toString());
      }
    }

    /** Sends a delayed reply from another thread; a datagram channel sends safely from several. */
    private void sendLate(byte[] reply, InetSocketAddress remote) {
      try {
        channel.send(ByteBuffer.wrap(reply), remote);
      } catch (IOException e) {
        LOG.debug("late UDP reply to {} failed: {}", remote, e.toString());
      }
    }

    void stop() {
      // Waits for the query in hand, if any; the lock is uncontended while serving.
      synchronized (answering) {
        try {
          channel.close();
        } catch (IOException e) {
          LOG.debug("closing {}: {}", channel, e.toString());
        }
      }
      if (thread != null) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
