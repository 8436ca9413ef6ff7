package io.clusterdns.plugin.forward;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A UDP upstream that takes queries and never answers; it counts nothing, it just holds the port. */
final class BlackHole implements AutoCloseable {
  private final DatagramSocket socket;

  BlackHole() {
    try {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String to() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  @Override
  public void close() {
    socket.close();
  }
}
