package io.clusterdns.plugin.bind;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.IpLiteral;
import io.clusterdns.config.Token;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;

/** Turns one {@code bind} argument, an address or a network interface name, into addresses. */
final class BindTargets {
  private BindTargets() {}

  static List<InetAddress> expand(Token token) throws CorefileException {
    InetAddress literal = IpLiteral.parse(token.text()).orElse(null);
    if (literal != null) {
      return List.of(literal);
    }
    NetworkInterface nic;
    try {
      nic = NetworkInterface.getByName(token.text());
    } catch (SocketException e) {
      throw new CorefileException(token, "bind: cannot list the network interfaces: " + e.getMessage());
    }
    if (nic == null) {
      throw new CorefileException(
          token, "bind: '" + token.text() + "' is neither an IP address nor a network interface of this host");
    }
    List<InetAddress> addresses = Collections.list(nic.getInetAddresses());
    if (addresses.isEmpty()) {
      throw new CorefileException(token, "bind: network interface '" + token.text() + "' has no address");
    }
    return addresses;
  }
}
