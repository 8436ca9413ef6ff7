package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Port 0 lets the kernel pick a free UDP port, and TCP is served on the same number; TCP may
 * already hold that number (a client connection's local port, say), and start must not fail.
 * The test holds TCP ports on 127.0.0.2, so that other servers on this machine are not hit.
 */
class EphemeralPortTest {
  /** About 14% of the usual ephemeral range: without a retry, 30 starts all succeed 1% of the time. */
  private static final int HELD_TCP_PORTS = 4000;
  private static final int STARTS = 30;

  @Test
  void startsWhenTheKernelsUdpPortIsTakenForTcp() throws Exception {
    InetAddress address = InetAddress.getByName("127.0.0.2");
    List<ServerSocket> held = new ArrayList<>();
    List<ClusterDns> servers = new ArrayList<>();
    try {
      for (int i = 0; i < HELD_TCP_PORTS; i++) {
        held.add(new ServerSocket(0, 1, address));
      }
      for (int i = 0; i < STARTS; i++) {
        ClusterDns dns = ClusterDns.builder()
            .corefile("example.org {\n whoami\n}\n")
            .bindAddress(address)
            .udpWorkers(1)
            .start();
        servers.add(dns);
        assertEquals(dns.udpAddress().getPort(), dns.tcpAddress().getPort());
      }
    } finally {
      closeAtOnce(servers);
      for (ServerSocket socket : held) {
        close(socket);
      }
    }
  }

  /** Each close waits for its UDP worker to notice; side by side they wait once. */
  private static void closeAtOnce(List<ClusterDns> servers) throws InterruptedException {
    List<Thread> closing = new ArrayList<>();
    for (ClusterDns server : servers) {
      Thread thread = new Thread(server::close);
      thread.start();
      closing.add(thread);
    }
    for (Thread thread : closing) {
      thread.join();
    }
  }

  private static void close(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
