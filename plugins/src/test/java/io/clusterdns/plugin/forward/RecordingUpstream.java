package io.clusterdns.plugin.forward;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * A UDP upstream written for tests that keeps every query it receives and, while {@link
 * #answering}, replies REFUSED to it: enough to watch what health checks send.
 */
final class RecordingUpstream implements AutoCloseable {
  private final DatagramSocket socket;
  private final List<Message> queries = new CopyOnWriteArrayList<>();
  private volatile boolean answering;

  RecordingUpstream() {
    try {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
    Thread thread = new Thread(this::serve, "recording-upstream");
    thread.setDaemon(true);
    thread.start();
  }

  String to() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  void answering(boolean answering) {
    this.answering = answering;
  }

  List<Message> queries() {
    return List.copyOf(queries);
  }

  private void serve() {
    byte[] buffer = new byte[65535];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        Message query = new Message(java.util.Arrays.copyOf(buffer, packet.getLength()));
        queries.add(query);
        if (answering) {
          Message reply = query.clone();
          reply.getHeader().setFlag(Flags.QR);
          reply.getHeader().setRcode(Rcode.REFUSED);
          byte[] wire = reply.toWire();
          socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
        }
      } catch (IOException e) {
        // Closed, or a packet that is not DNS: nothing to record.
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
