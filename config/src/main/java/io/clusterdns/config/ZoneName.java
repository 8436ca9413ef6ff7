package io.clusterdns.config;

import java.util.Locale;

/** Checks a zone name from a server block key and puts it in canonical form. */
final class ZoneName {
  private static final int MAX_LABEL = 63;
  private static final int MAX_NAME = 255;
  private static final String FORBIDDEN = "{}()\":/";

  private ZoneName() {}

  /**
   * The zone in lower case with a trailing dot; an empty host is the root zone, as in CoreDNS
   * where {@code :53} means {@code .:53}.
   */
  static String canonical(String host, Token key) throws CorefileException {
    if (host.isEmpty() || host.equals(".")) {
      return ".";
    }
    String lower = host.toLowerCase(Locale.ROOT);
    for (char c : lower.toCharArray()) {
      if (Character.isWhitespace(c) || FORBIDDEN.indexOf(c) >= 0) {
        throw new CorefileException(
            key,
            "invalid zone '" + host + "' in key '" + key.text() + "': it contains '" + c
                + "'; expected a domain name such as example.org"
                + (c == '{' || c == '}' ? " (is a space missing before the brace?)" : ""));
      }
    }
    String fqdn = lower.endsWith(".") ? lower : lower + ".";
    String[] labels = fqdn.substring(0, fqdn.length() - 1).split("\\.", -1);
    int length = 1;
    for (String label : labels) {
      if (label.isEmpty()) {
        throw new CorefileException(
            key,
            "invalid zone '" + host + "' in key '" + key.text()
                + "': it has an empty label; expected labels separated by single dots");
      }
      if (label.length() > MAX_LABEL) {
        throw new CorefileException(
            key,
            "invalid zone '" + host + "' in key '" + key.text() + "': label '" + label + "' has "
                + label.length() + " characters; expected at most " + MAX_LABEL);
      }
      length += label.length() + 1;
    }
    if (length > MAX_NAME) {
      throw new CorefileException(
          key,
          "invalid zone '" + host + "' in key '" + key.text() + "': it is " + length
              + " octets long; expected at most " + MAX_NAME);
    }
    return fqdn;
  }
}
