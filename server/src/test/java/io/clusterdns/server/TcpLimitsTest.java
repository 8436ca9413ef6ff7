package io.clusterdns.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** The TCP listener's idle timeout and connection cap. */
class TcpLimitsTest {
  private static final String COREFILE = "example.org {\n whoami\n}\n";

  private static Socket connect(ClusterDns server) throws IOException {
    Socket socket = new Socket(server.tcpAddress().getAddress(), server.tcpAddress().getPort());
    socket.setSoTimeout(5000);
    return socket;
  }

  private static Message ask(Socket socket) throws IOException {
    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
    byte[] wire = DnsProbe.query("q.example.org.", Type.A).toWire();
    out.writeShort(wire.length);
    out.write(wire);
    out.flush();
    return DnsProbe.readFramed(new DataInputStream(socket.getInputStream()));
  }


  @Test
  void idleConnectionIsClosedAfterTheTimeout() throws Exception {
    try (ClusterDns server = ClusterDns.builder().corefile(COREFILE)
            .tcpIdleTimeout(Duration.ofMillis(1000)).start()) {
      long start = System.nanoTime();
      try (Socket socket = connect(server)) {
        InputStream in = socket.getInputStream();
        await().atMost(Duration.ofSeconds(10)).until(() -> TcpClients.closedByServer(in));
      }
      long waitedMillis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(waitedMillis >= 900, "closed after " + waitedMillis + " ms, before the idle timeout");
    }
  }

  @Test
  void atTheCapTheConnectionIdleLongestMakesRoomForTheNewcomer() throws Exception {
    try (ClusterDns server = ClusterDns.builder().corefile(COREFILE).maxTcpConnections(3).start()) {
      List<Socket> open = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          Socket socket = connect(server);
          open.add(socket);
          assertEquals(Rcode.NOERROR, ask(socket).getRcode());
        }
        // The first connection asked first and has been idle longest.
        assertEquals(Rcode.NOERROR, ask(open.get(1)).getRcode());
        assertEquals(Rcode.NOERROR, ask(open.get(2)).getRcode());
        try (Socket newcomer = connect(server)) {
          assertEquals(Rcode.NOERROR, ask(newcomer).getRcode());
          InputStream first = open.get(0).getInputStream();
          await().atMost(Duration.ofSeconds(20)).until(() -> TcpClients.closedByServer(first));
          assertEquals(Rcode.NOERROR, ask(open.get(1)).getRcode());
          assertEquals(Rcode.NOERROR, ask(open.get(2)).getRcode());
        }
      } finally {
        for (Socket socket : open) {
          socket.close();
        }
      }
    }
  }
}
