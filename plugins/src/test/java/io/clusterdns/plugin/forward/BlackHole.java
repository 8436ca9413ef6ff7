package io.clusterdns.plugin.forward;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/**
 * A UDP upstream that takes queries and never answers. It reads nothing while the test runs: the
 * queries wait in the socket's buffer until {@link #queriesFor} counts them.
 *
 * <p>Its port is an ephemeral port, which other processes on the machine (other test runs) may
 * send to as well: a test that picks a "closed" port and queries it, a server that answers a
 * client whose socket has closed since. So a test asks for and counts names under this hole's
 * own zone ({@link #name}), which no other sender uses, and only queries, not replies.
 */
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

  /** {@code label} under a zone named after this hole's port, unique while the hole is open. */
  String name(String label) {
    return label + ".hole-" + socket.getLocalPort() + ".example.org.";
  }

  /**
   * The A queries for {@code name} received since the last call (forward's health checks, for
   * the root's NS records, are not counted). The sender's datagrams over loopback are in the
   * buffer by the time its send returned, so a short wait for more ends the count.
   */
  int queriesFor(String name) throws IOException {
    socket.setSoTimeout(50);
    byte[] buffer = new byte[512];
    int count = 0;
    while (true) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (SocketTimeoutException e) {
        return count;
      }
      Message query = new Message(Arrays.copyOf(buffer, packet.getLength()));
      if (!query.getHeader().getFlag(Flags.QR) && query.getQuestion().getType() == Type.A
          && query.getQuestion().getName().toString().equals(name)) {
        count++;
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
