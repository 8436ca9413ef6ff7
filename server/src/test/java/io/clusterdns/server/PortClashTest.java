package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** Issue 10 items 10 and 11: a port held by someone else is refused, naming what clashed. */
class PortClashTest {
  private static final String COREFILE = "example.org {\n whoami\n}\n";
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  /**
   * Another server of the same user holding the UDP port with SO_REUSEPORT: joining its group
   * would take a share of its queries, so the start fails before taking any, and it keeps them all.
   */
  @Test
  void aUdpPortSharedThroughReusePortIsNotJoined() throws Exception {
    try (DatagramChannel other = DatagramChannel.open()) {
      other.setOption(StandardSocketOptions.SO_REUSEPORT, true);
      other.bind(new InetSocketAddress(LOOPBACK, 0));
      int port = ((InetSocketAddress) other.getLocalAddress()).getPort();
      BindException failure = assertThrows(BindException.class,
          () -> ClusterDns.builder().corefile(COREFILE).defaultPort(port).udpWorkers(4).start().close());
      assertEquals("cannot listen on udp 127.0.0.1:" + port + ": Address already in use", failure.getMessage());

      byte[] query = DnsProbe.query("q.example.org.", Type.A).toWire();
      try (DatagramChannel client = DatagramChannel.open()) {
        for (int i = 0; i < 50; i++) {
          client.send(ByteBuffer.wrap(query), other.getLocalAddress());
        }
      }
      ByteBuffer in = ByteBuffer.allocate(512);
      other.configureBlocking(false);
      int received = 0;
      while (other.receive(in.clear()) != null) {
        received++;
      }
      assertEquals(50, received, "every query still reaches the server that held the port");
    }
  }

  @Test
  void aTcpPortInUseIsNamedInOneLine() throws Exception {
    try (ServerSocket other = new ServerSocket(0, 50, LOOPBACK)) {
      int port = other.getLocalPort();
      BindException failure = assertThrows(BindException.class,
          () -> ClusterDns.builder().corefile(COREFILE).defaultPort(port).start().close());
      assertTrue(failure.getMessage().startsWith("cannot listen on tcp 127.0.0.1:" + port + ": "),
          failure.getMessage());
    }
  }
}
