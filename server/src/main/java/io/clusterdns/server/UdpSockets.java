package io.clusterdns.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the sockets of one UDP address: one per worker sharing the port through SO_REUSEPORT,
 * so the kernel spreads clients over them, or a single one where the option is missing.
 */
final class UdpSockets {
  /** A large receive buffer: with the kernel default, bursts of queries are dropped. */
  private static final int RECEIVE_BUFFER = 8 << 20;

  private UdpSockets() {}

  /**
   * Binds {@code workers} sockets to {@code address} (port 0 picks one port for all); on failure
   * the sockets already bound are closed.
   */
  static List<DatagramChannel> bind(InetSocketAddress address, int workers) throws IOException {
    boolean reusePort = workers > 1 && supportsReusePort();
    int count = reusePort ? workers : 1;
    List<DatagramChannel> channels = new ArrayList<>(count);
    try {
      InetSocketAddress bound = address;
      if (reusePort) {
        bound = exclusiveProbe(address);
      }
      for (int i = 0; i < count; i++) {
        DatagramChannel channel = DatagramChannel.open();
        channels.add(channel);
        if (reusePort) {
          channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
        channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
        channel.bind(bound);
        bound = (InetSocketAddress) channel.getLocalAddress();
      }
      return channels;
    } catch (IOException | RuntimeException e) {
      for (DatagramChannel channel : channels) {
        try {
          channel.close();
        } catch (IOException closing) {
          e.addSuppressed(closing);
        }
      }
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
}
