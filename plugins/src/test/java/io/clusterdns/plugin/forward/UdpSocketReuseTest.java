package io.clusterdns.plugin.forward;

import static io.clusterdns.plugin.forward.Upstreams.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.testkit.RecordingChain;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * UDP sockets to an upstream are kept between queries, each query with its own random ID, and a
 * socket whose query was abandoned (timed out) is closed rather than reused, so that its late
 * reply cannot meet a later query.
 */
class UdpSocketReuseTest {
  @TempDir Path dir;
  private final List<Integer> ports = new CopyOnWriteArrayList<>();
  private final List<Integer> ids = new CopyOnWriteArrayList<>();
  private volatile boolean silent;
  private DatagramSocket upstream;
  private Upstreams upstreams;

  @BeforeEach
  void start() throws IOException {
    upstream = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread thread = new Thread(this::serve, "echo-upstream");
    thread.setDaemon(true);
    thread.start();
    upstreams = new Upstreams(dir, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    upstreams.close();
    upstream.close();
  }

  /** Answers each query NOERROR with its own ID and question, unless silent; notes its source. */
  private void serve() {
    byte[] buffer = new byte[65535];
    while (!upstream.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        upstream.receive(packet);
        Message query = new Message(java.util.Arrays.copyOf(buffer, packet.getLength()));
        ports.add(packet.getPort());
        ids.add(query.getHeader().getID());
        if (!silent) {
          Message reply = query.clone();
          reply.getHeader().setFlag(Flags.QR);
          byte[] wire = reply.toWire();
          upstream.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
        }
      } catch (IOException e) {
        // Closed: the test is over.
      }
    }
  }

  private ForwardHandler handler() throws Exception {
    return upstreams.handler("forward . 127.0.0.1:" + upstream.getLocalPort()
        + " {\n read_timeout 200ms\n max_connect_attempts 1\n}");
  }

  @Test
  void consecutiveQueriesShareOneSocketWithFreshIds() throws Exception {
    ForwardHandler forward = handler();
    for (int i = 0; i < 20; i++) {
      Message reply = forward.serve(request("www.example.org.", Type.A, i, Transport.UDP), RecordingChain.answering());
      assertEquals(Rcode.NOERROR, reply.getRcode());
      assertEquals(i, reply.getHeader().getID());
    }

    assertEquals(1, ports.stream().distinct().count(), "source ports " + ports);
    assertEquals(1, forward.upstreams().get(0).udpSockets().idleCount());
    // 20 IDs drawn from 65,536: all the same would mean the ID is not drawn per query.
    assertNotEquals(1, ids.stream().distinct().count(), "IDs " + ids);
  }

  @Test
  void aSocketWhoseQueryTimedOutIsNotReused() throws Exception {
    ForwardHandler forward = handler();
    forward.serve(request("www.example.org.", Type.A, 1, Transport.UDP), RecordingChain.answering());
    silent = true;
    Message timedOut = forward.serve(request("www.example.org.", Type.A, 2, Transport.UDP), RecordingChain.answering());
    assertEquals(Rcode.SERVFAIL, timedOut.getRcode());
    assertEquals(0, forward.upstreams().get(0).udpSockets().idleCount());
    silent = false;
    forward.serve(request("www.example.org.", Type.A, 3, Transport.UDP), RecordingChain.answering());

    assertEquals(ports.get(0), ports.get(1), "the first socket was reused for the second query");
    assertNotEquals(ports.get(1), ports.get(2), "the timed-out socket was reused: " + ports);
  }

  @Test
  void closingTheHandlerClosesTheIdleSockets() throws Exception {
    ForwardHandler forward = handler();
    forward.serve(request("www.example.org.", Type.A, 1, Transport.UDP), RecordingChain.answering());
    UdpSockets sockets = forward.upstreams().get(0).udpSockets();
    assertEquals(1, sockets.idleCount());

    forward.close();

    assertEquals(0, sockets.idleCount());
  }
}
