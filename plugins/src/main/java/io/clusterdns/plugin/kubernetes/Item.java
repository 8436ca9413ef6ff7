package io.clusterdns.plugin.kubernetes;

import java.net.InetAddress;

/**
 * One (address, port) pair a name stands for, with the host name SRV records point at.
 *
 * @param port the port number, or {@link #NO_PORT} when there is none (address records only)
 * @param target the SRV target relative to the zone, lower case, such as {@code
 *     svc1.testns.svc}
 */
record Item(InetAddress address, int port, String target) {
  static final int NO_PORT = -1;
}
