package io.clusterdns.plugin.kubernetes;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This machine's addresses that a client could reach: not loopback, not link-local, without a
 * scope. Used to find the Service that fronts this server, and as {@code ns.dns} glue.
 */
final class LocalAddresses {
  private static final Logger LOG = LoggerFactory.getLogger(LocalAddresses.class);

  private LocalAddresses() {}

  static List<InetAddress> find() {
    List<InetAddress> found = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()
              && !address.isAnyLocalAddress()) {
            found.add(InetAddress.getByAddress(address.getAddress()));
          }
        }
      }
    } catch (SocketException | UnknownHostException e) {
      LOG.warn("cannot list network interfaces, ns.dns gets no glue: {}", e.toString());
    }
    return found;
  }
}
