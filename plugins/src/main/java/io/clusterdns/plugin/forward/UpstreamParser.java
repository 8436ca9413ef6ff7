package io.clusterdns.plugin.forward;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.IpLiteral;
import io.clusterdns.config.ResolvConf;
import io.clusterdns.config.Token;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the TO arguments of {@code forward}: {@code IP[:PORT]}, {@code [IPv6]:PORT}, {@code
 * dns://…}, {@code tls://…} (port 853) or the path of a resolv.conf file, whose {@code nameserver}
 * lines become upstreams on port 53.
 */
final class UpstreamParser {
  private static final int DNS_PORT = 53;
  private static final int TLS_PORT = 853;

  private final Path baseDirectory;

  UpstreamParser(Path baseDirectory) {
    this.baseDirectory = baseDirectory;
  }

  /** The upstreams one TO token stands for. */
  List<UpstreamAddress> parse(Token token) throws CorefileException {
    String text = token.text();
    int scheme = text.indexOf("://");
    if (scheme >= 0) {
      String name = text.substring(0, scheme).toLowerCase(java.util.Locale.ROOT);
      String rest = text.substring(scheme + 3);
      return switch (name) {
        case "dns" -> List.of(new UpstreamAddress(hostPort(token, rest, DNS_PORT), false));
        case "tls" -> List.of(new UpstreamAddress(hostPort(token, rest, TLS_PORT), true));
        case "https" -> throw new CorefileException(
            token, "forward: DNS over HTTPS upstream '" + text + "' is not supported; use dns:// or tls://");
        default -> throw new CorefileException(
            token, "forward: unknown scheme '" + name + "://' in '" + text + "', expected dns:// or tls://");
      };
    }
    if (looksLikeAddress(text)) {
      return List.of(new UpstreamAddress(hostPort(token, text, DNS_PORT), false));
    }
    Path file = baseDirectory.resolve(text);
    if (Files.isRegularFile(file)) {
      return resolvConf(token, file);
    }
    if (text.contains("/")) {
      throw new CorefileException(token, "forward: resolv.conf file '" + file + "' does not exist");
    }
    throw new CorefileException(
        token, "forward: '" + text + "' is not an IP address or a file; host names as upstreams are not supported");
  }

  /** Whether the text starts like an IP literal, so that errors speak of addresses, not files. */
  private static boolean looksLikeAddress(String text) {
    return text.startsWith("[") || text.contains(":") || text.matches("[0-9.]+(:.*)?");
  }

  private static InetSocketAddress hostPort(Token token, String text, int defaultPort) throws CorefileException {
    String host = text;
    String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new CorefileException(token, "forward: missing ']' in upstream '" + token.text() + "'");
      }
      host = text.substring(1, close);
      String tail = text.substring(close + 1);
      if (!tail.isEmpty()) {
        if (!tail.startsWith(":")) {
          throw new CorefileException(token, "forward: expected ':PORT' after ']' in upstream '" + token.text() + "'");
        }
        port = tail.substring(1);
      }
    } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
      host = text.substring(0, text.indexOf(':'));
      port = text.substring(text.indexOf(':') + 1);
    }
    InetAddress address = IpLiteral.parse(host).orElse(null);
    if (address == null) {
      throw new CorefileException(
          token, "forward: '" + host + "' in upstream '" + token.text()
              + "' is not an IP address; host names as upstreams are not supported");
    }
    return new InetSocketAddress(address, port == null ? defaultPort : port(token, port));
  }

  private static int port(Token token, String text) throws CorefileException {
    if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
        || Integer.parseInt(text) == 0 || Integer.parseInt(text) > 65535) {
      throw new CorefileException(
          token, "forward: invalid port '" + text + "' in upstream '" + token.text() + "', expected 1 to 65535");
    }
    return Integer.parseInt(text);
  }

  private static List<UpstreamAddress> resolvConf(Token token, Path file) throws CorefileException {
    ResolvConf conf;
    try {
      conf = ResolvConf.read(file);
    } catch (IOException e) {
      throw new CorefileException(token, "forward: cannot read resolv.conf '" + file + "': " + e.getMessage());
    }
    List<UpstreamAddress> found = new ArrayList<>();
    for (String server : conf.nameservers()) {
      // A link-local IPv6 server may carry its interface (%eth0); the scope is not kept.
      InetAddress address = IpLiteral.parse(server).orElseThrow(() -> new CorefileException(
          token, "forward: " + file + ": nameserver '" + server + "' is not an IP address"));
      found.add(new UpstreamAddress(new InetSocketAddress(address, DNS_PORT), false));
    }
    if (found.isEmpty()) {
      throw new CorefileException(token, "forward: resolv.conf '" + file + "' has no nameserver line");
    }
    return found;
  }
}
