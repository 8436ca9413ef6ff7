package io.clusterdns.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Opens the sockets of one UDP address: one per worker sharing the port through SO_REUSEPORT,
 * so the kernel spreads clients over them, or a single one where the option is missing.
 */
final class UdpSockets {
  /** A large receive buffer: with the kernel default, bursts of queries are dropped. */
  private static final int RECEIVE_BUFFER = 8 << 20;
  private static final int MAX_DATAGRAM = 65535;

  /**
   * The sockets bound, and the queries the probe received before them: each the client and the
   * query's bytes, to be answered once serving. They are JDK pairs, not a record of this project:
   * a query arrives in the probe's moment only by a race, which the image's class-data training
   * cannot make happen, so a class of ours used only then would be missing from its archive.
   */
  record Bound(List<DatagramChannel> channels, List<Map.Entry<SocketAddress, byte[]>> early) {}

  private UdpSockets() {}

  /**
   * Binds {@code workers} sockets to {@code address} (port 0 picks one port for all); on failure
   * the sockets already bound are closed.
   */
  static Bound bind(InetSocketAddress address, int workers) throws IOException {
    return bind(address, workers, bound -> {});
  }

  /** As {@link #bind(InetSocketAddress, int)}; {@code whileProbing} runs while the probe alone holds the port. */
  static Bound bind(InetSocketAddress address, int workers, Consumer<InetSocketAddress> whileProbing)
      throws IOException {
    boolean reusePort = workers > 1 && supportsReusePort();
    int count = reusePort ? workers : 1;
    List<DatagramChannel> channels = new ArrayList<>(count);
    try {
      InetSocketAddress bound = address;
      List<Map.Entry<SocketAddress, byte[]>> early = List.of();
      if (reusePort) {
        try (DatagramChannel probe = DatagramChannel.open()) {
          probe.bind(address);
          bound = (InetSocketAddress) probe.getLocalAddress();
          whileProbing.accept(bound);
          early = closeProbe(probe);
        }
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
      return new Bound(channels, early);
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
   * The probe binds without SO_REUSEPORT, which fails if any other socket holds the port: with
   * the option, a socket would join the group of another server of the same user and take a
   * share of its queries. For the moment it holds the port it is the server's only socket there,
   * so what clients sent to it is read before it closes, to be answered, not dropped with it.
   * (Java's {@code connect}, which would stop more from arriving, discards what is queued.)
   */
  private static List<Map.Entry<SocketAddress, byte[]>> closeProbe(DatagramChannel probe)
      throws IOException {
    probe.configureBlocking(false);
    List<Map.Entry<SocketAddress, byte[]>> early = new ArrayList<>(0);
    ByteBuffer in = ByteBuffer.allocate(MAX_DATAGRAM);
    SocketAddress client;
    while ((client = probe.receive(in.clear())) != null) {
      byte[] query = new byte[in.flip().remaining()];
      in.get(query);
      early.add(Map.entry(client, query));
    }
    return List.copyOf(early);
  }

  private static boolean supportsReusePort() {
    try (DatagramChannel probe = DatagramChannel.open()) {
      return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
    } catch (IOException e) {
      return false;
    }
  }
}
