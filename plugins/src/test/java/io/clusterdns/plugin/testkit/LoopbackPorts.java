package io.clusterdns.plugin.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports free for both UDP and TCP on a loopback address, for the DNS servers tests start. */
public final class LoopbackPorts {
  private LoopbackPorts() {}

  public static int free(InetAddress address) {
    for (int tries = 0; tries < 50; tries++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, address)) {
        int port = tcp.getLocalPort();
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, port))) {
          return port;
        } catch (IOException taken) {
          // The UDP side of this port is in use; try another.
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no port free for both UDP and TCP on " + address);
  }

  public static int free() {
    return free(InetAddress.getLoopbackAddress());
  }
}
