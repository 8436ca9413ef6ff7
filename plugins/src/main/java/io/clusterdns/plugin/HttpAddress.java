package io.clusterdns.plugin;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.IpLiteral;
import io.clusterdns.config.Token;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The {@code [HOST]:PORT} address of a plugin's HTTP endpoint (health, ready, prometheus), as Go's
 * {@code net.Listen} takes it: an empty host listens on every address, otherwise an IPv4 literal,
 * a bracketed IPv6 literal or {@code localhost}. No name is ever looked up.
 */
public final class HttpAddress {
  private HttpAddress() {}

  public static InetSocketAddress parse(Token token, String plugin) throws CorefileException {
    String text = token.text();
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw invalid(token, plugin, "no port");
    }
    String host = text.substring(0, colon);
    String portText = text.substring(colon + 1);
    if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(Character::isDigit)
        || Integer.parseInt(portText) > 65535) {
      throw invalid(token, plugin, "the port must be a number from 0 to 65535");
    }
    int port = Integer.parseInt(portText);
    if (host.isEmpty()) {
      return new InetSocketAddress(port);
    }
    if (host.equals("localhost")) {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }
    boolean bracketed = host.startsWith("[") && host.endsWith("]");
    InetAddress address = IpLiteral.parse(bracketed ? host.substring(1, host.length() - 1) : host).orElse(null);
    if (address == null || bracketed != host.contains(":")) {
      throw invalid(token, plugin, "the host must be empty, localhost, an IPv4 address or an IPv6 address in []");
    }
    return new InetSocketAddress(address, port);
  }

  private static CorefileException invalid(Token token, String plugin, String why) {
    return new CorefileException(
        token, plugin + ": invalid address '" + token.text() + "': " + why + "; expected [HOST]:PORT such as :8080");
  }
}
