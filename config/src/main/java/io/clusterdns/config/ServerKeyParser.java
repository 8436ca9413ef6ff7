package io.clusterdns.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one server block key ({@code [dns://]ZONE[:PORT]} or {@code [dns://]CIDR[:PORT]}) into
 * the server keys it stands for: one for a zone, one per reverse zone for a network.
 */
final class ServerKeyParser {
  private static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.-]*)://");
  private static final int MAX_PORT = 65535;

  private ServerKeyParser() {}

  static List<ServerKey> parse(Token key) throws CorefileException {
    String text = key.text().toLowerCase(Locale.ROOT);
    Matcher scheme = SCHEME.matcher(text);
    if (scheme.find()) {
      if (!scheme.group(1).equals("dns")) {
        throw new CorefileException(
            key,
            "unsupported scheme '" + scheme.group(1) + "://' in key '" + key.text()
                + "': only dns:// is supported");
      }
      text = text.substring(scheme.end());
    }
    int slash = text.indexOf('/');
    int colon = text.lastIndexOf(':');
    boolean hasPort = colon >= 0 && (slash < 0 || colon > slash);
    String host = hasPort ? text.substring(0, colon) : text;
    int port = hasPort ? port(text.substring(colon + 1), key) : ServerKey.DEFAULT_PORT;
    if (slash < 0) {
      return List.of(new ServerKey(ZoneName.canonical(host, key), port, key));
    }
    List<ServerKey> keys = new ArrayList<>();
    for (String zone : reverseZones(host, key)) {
      keys.add(new ServerKey(zone, port, key));
    }
    return keys;
  }

  /** Whether every character is an ASCII digit (Integer.parseInt takes other scripts' digits too). */
  static boolean allDigits(String text) {
    return text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static int port(String text, Token key) throws CorefileException {
    if (text.isEmpty() || text.length() > 5 || !allDigits(text)) {
      throw new CorefileException(
          key,
          "bad port '" + text + "' in key '" + key.text() + "': expected a number from 0 to "
              + MAX_PORT);
    }
    int port = Integer.parseInt(text);
    if (port > MAX_PORT) {
      throw new CorefileException(
          key,
          "bad port '" + text + "' in key '" + key.text() + "': expected a number from 0 to "
              + MAX_PORT);
    }
    return port;
  }

  private static List<String> reverseZones(String cidr, Token key) throws CorefileException {
    int slash = cidr.indexOf('/');
    String address = cidr.substring(0, slash);
    String length = cidr.substring(slash + 1);
    byte[] bytes = IpLiteral.bytes(address).orElse(null);
    if (bytes == null) {
      throw badCidr(cidr, key, "'" + address + "' is not an IPv4 or IPv6 address");
    }
    int bits = bytes.length * 8;
    int prefix = ReverseZones.prefixLength(length, bits);
    if (prefix < 0) {
      throw badCidr(cidr, key, "the prefix length must be a number from 0 to " + bits);
    }
    return ReverseZones.of(bytes, prefix);
  }

  private static CorefileException badCidr(String cidr, Token key, String why) {
    return new CorefileException(
        key,
        "bad CIDR '" + cidr + "' in key '" + key.text() + "': " + why
            + "; expected a network such as 10.96.0.0/12 or fd00::/108");
  }
}
