package io.clusterdns.server;

import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/**
 * The raw TCP client of the listener tests: connections from a chosen loopback address (an
 * attacker's, a fresh client's), framed queries, and whether the server closed its side.
 */
final class TcpClients {
  static final InetAddress ATTACKER = loopback("127.0.0.1");
  static final InetAddress FRESH = loopback("127.0.0.2");

  private static InetAddress loopback(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Socket connect(ClusterDns server, InetAddress from) throws IOException {
    InetSocketAddress to = server.tcpAddress();
    Socket socket = new Socket(to.getAddress(), to.getPort(), from, 0);
    socket.setSoTimeout(5000);
    return socket;
  }

  static byte[] framed(int id) {
    Message query = DnsProbe.query("q.example.org.", Type.A);
    query.getHeader().setID(id);
    byte[] wire = query.toWire();
    byte[] framed = new byte[wire.length + 2];
    framed[0] = (byte) (wire.length >>> 8);
    framed[1] = (byte) wire.length;
    System.arraycopy(wire, 0, framed, 2, wire.length);
    return framed;
  }

  static Message ask(Socket socket, int id) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(framed(id));
    out.flush();
    return DnsProbe.readFramed(new DataInputStream(socket.getInputStream()));
  }

  /** True once the server has closed its side: a read sees end of stream or a reset. */
  static boolean closedByServer(InputStream in) {
    try {
      return in.read() == -1;
    } catch (SocketException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void pause(Duration duration) {
    await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
  }

  private TcpClients() {}
}
