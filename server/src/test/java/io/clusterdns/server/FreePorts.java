package io.clusterdns.server;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds a port that is free for both UDP and TCP, for tests that must name a port up front.
 *
 * <p>The port is taken below the kernel's range of ephemeral ports where the kernel says which
 * that is: a port from that range (what binding port 0 gives) is free when picked, but the kernel
 * may hand it to any outgoing connection or socket before the test's server binds it, and the
 * server then fails with "Address already in use" (seen in GracefulShutdownIT, whose jar takes a
 * second to start). Below the range only an explicit bind can take it.
 */
public final class FreePorts {
  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  /** The lowest port picked: above the well-known and most registered ports that servers use. */
  private static final int LOWEST = 10_000;

  private FreePorts() {}

  public static int udpAndTcp() throws IOException {
    int below = ephemeralStart();
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = below > LOWEST ? ThreadLocalRandom.current().nextInt(LOWEST, below) : 0;
      Integer free = bindBoth(port);
      if (free != null) {
        return free;
      }
    }
    throw new IOException("no free port for both UDP and TCP");
  }

  /** The port if both a TCP and a UDP socket could bind it (port 0: one the kernel picks), else null. */
  private static Integer bindBoth(int port) {
    try (ServerSocket tcp = new ServerSocket(port)) {
      try (DatagramSocket udp = new DatagramSocket(tcp.getLocalPort())) {
        return udp.getLocalPort();
      }
    } catch (IOException taken) {
      return null;
    }
  }

  /** The first ephemeral port, or 0 when the kernel does not say (then port 0 is used). */
  private static int ephemeralStart() {
    try {
      return Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException unknown) {
      return 0;
    }
  }
}
