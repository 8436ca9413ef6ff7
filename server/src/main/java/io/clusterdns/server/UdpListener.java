package io.clusterdns.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Receives queries on one UDP address with one socket per worker, the sockets sharing the port
 * through SO_REUSEPORT so the kernel spreads clients over them ({@link UdpSockets}). One thread
 * at a time receives on each socket and answers what it received itself ({@link UdpReceiver}),
 * so a query that the chain answers from memory (a cached reply, an authoritative zone, the
 * cache plugin) takes no hand-off between threads.
 *
 * <p>A query that reaches a {@link io.clusterdns.plugin.Handler#blocking blocking} handler
 * (forward) would hold the socket for a round trip to the upstream. So, just before that handler
 * runs, the thread hands the socket on ({@link ReceiveTurns}): an idle thread of the socket takes
 * over receiving, or a new one is started, up to the socket's share of the port's thread limit.
 * When every thread is waiting for an upstream, a query that must wait too is refused at once
 * (see {@link BlockChain}). A chain that answers asynchronously ({@link
 * io.clusterdns.plugin.AsyncHandler}, forward over UDP) needs no hand-off: the thread that
 * completes it sends the reply through this socket, and closing waits for the replies so owed
 * ({@link LateUdpReplies}).
 */
final class UdpListener implements AutoCloseable {
  private final List<UdpReceiver> receivers;

  private UdpListener(List<UdpReceiver> receivers) {
    this.receivers = receivers;
  }

  /**
   * Binds {@code workers} sockets to {@code address} (port 0 picks one port for all), served by
   * at most {@code maxThreads} threads in all, but at least two per socket: one to receive while
   * the other waits for an upstream.
   */
  static UdpListener bind(InetSocketAddress address, int workers, int maxThreads, QueryProcessor processor)
      throws IOException {
    return serve(UdpSockets.bind(address, workers), maxThreads, processor);
  }

  /** Serves sockets bound by {@link UdpSockets}; the first socket answers the queries its probe took. */
  static UdpListener serve(UdpSockets.Bound bound, int maxThreads, QueryProcessor processor) {
    List<DatagramChannel> channels = bound.channels();
    int perSocket = Math.max(2, maxThreads / channels.size());
    List<UdpReceiver> receivers = new ArrayList<>(channels.size());
    for (DatagramChannel channel : channels) {
      List<Map.Entry<SocketAddress, byte[]>> early = receivers.isEmpty() ? bound.early() : List.of();
      receivers.add(new UdpReceiver(channel, processor, perSocket, early));
    }
    return new UdpListener(List.copyOf(receivers));
  }

  InetSocketAddress address() {
    try {
      return receivers.get(0).address();
    } catch (IOException e) {
      throw new IllegalStateException("UDP listener already closed", e);
    }
  }

  void start(String name) {
    for (int i = 0; i < receivers.size(); i++) {
      receivers.get(i).start(name + "-udp-" + i);
    }
  }

  /**
   * Stops receiving, lets every thread finish the query it holds, then closes the sockets. The
   * thread waiting for a packet is woken by closing its socket.
   */
  @Override
  public void close() {
    for (UdpReceiver receiver : receivers) {
      receiver.stopReceiving();
    }
    for (UdpReceiver receiver : receivers) {
      receiver.stop();
    }
  }
}
