package io.clusterdns.server;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;

/** Finds a port that is free for both UDP and TCP, for tests that must name a port up front. */
public final class FreePorts {
  private FreePorts() {}

  public static int udpAndTcp() throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      try (ServerSocket tcp = new ServerSocket(0)) {
        int port = tcp.getLocalPort();
        try (DatagramSocket udp = new DatagramSocket(port)) {
          return port;
        } catch (IOException taken) {
          continue;
        }
      }
    }
    throw new IOException("no free port for both UDP and TCP");
  }
}
