package io.clusterdns.server;

import io.clusterdns.plugin.Transport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives queries on one UDP address with one socket and one thread per worker, the sockets
 * sharing the port through SO_REUSEPORT so the kernel spreads clients over them. Each thread
 * answers its own packets; nothing is shared between threads but the immutable processor.
 */
final class UdpListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UdpListener.class);
  /** A large receive buffer: with the kernel default, bursts of queries are dropped. */
  private static final int RECEIVE_BUFFER = 8 << 20;
  /** How often a worker looks up from a quiet socket to see whether it must stop. */
  private static final int STOP_CHECK_MILLIS = 200;

  private final QueryProcessor processor;
  private final List<DatagramSocket> sockets = new ArrayList<>();
  private final List<Thread> workers = new ArrayList<>();
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
      int count = reusePort ? workers : 1;
      for (int i = 0; i < count; i++) {
        DatagramSocket socket = new DatagramSocket(null);
        listener.sockets.add(socket);
        if (reusePort) {
          socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
        socket.setReceiveBufferSize(RECEIVE_BUFFER);
        socket.setSoTimeout(STOP_CHECK_MILLIS);
        socket.bind(bound);
        bound = (InetSocketAddress) socket.getLocalSocketAddress();
      }
      return listener;
    } catch (IOException | RuntimeException e) {
      listener.close();
      throw e;
    }
  }

  private static boolean supportsReusePort() {
    try (DatagramSocket probe = new DatagramSocket(null)) {
      return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
    } catch (IOException e) {
      return false;
    }
  }

  InetSocketAddress address() {
    return (InetSocketAddress) sockets.get(0).getLocalSocketAddress();
  }

  void start(String name) {
    for (int i = 0; i < sockets.size(); i++) {
      DatagramSocket socket = sockets.get(i);
      Thread worker = new Thread(() -> serve(socket), name + "-udp-" + i);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
  }

  private void serve(DatagramSocket socket) {
    byte[] buffer = new byte[65535];
    byte[] cached = new byte[65535];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    while (running) {
      packet.setData(buffer, 0, buffer.length);
      try {
        socket.receive(packet);
      } catch (SocketTimeoutException e) {
        continue;
      } catch (IOException e) {
        if (running) {
          LOG.error("UDP receive on {} failed: {}", socket.getLocalSocketAddress(), e.toString());
        }
        continue;
      }
      int length = packet.getLength();
      int cachedLength = processor.processCached(buffer, length, Transport.UDP, cached);
      if (cachedLength >= 0) {
        packet.setData(cached, 0, cachedLength);
      } else {
        byte[] reply =
            processor.processFully(buffer, length, (InetSocketAddress) packet.getSocketAddress(), Transport.UDP);
        if (reply == null) {
          continue;
        }
        packet.setData(reply);
      }
      try {
        // The packet still holds the sender's address, so the reply goes back to it.
        socket.send(packet);
      } catch (IOException e) {
        LOG.debug("UDP reply to {} failed: {}", packet.getSocketAddress(), e.toString());
      }
    }
  }

  /** Stops receiving, lets every worker finish the query it holds, then closes the sockets. */
  @Override
  public void close() {
    running = false;
    for (Thread worker : workers) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    sockets.forEach(DatagramSocket::close);
  }
}
