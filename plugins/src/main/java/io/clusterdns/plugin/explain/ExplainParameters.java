package io.clusterdns.plugin.explain;

import io.clusterdns.config.IpLiteral;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.Type;

/**
 * The query string of {@code /explain}: {@code name} (required), {@code namespace}, {@code
 * pod_ip}, {@code resolver} (glibc by default), {@code type} (A by default) and {@code ndots}.
 */
final class ExplainParameters {
  static final List<String> NAMES = List.of("name", "namespace", "pod_ip", "resolver", "type", "ndots");

  private ExplainParameters() {}

  /**
   * The question a raw query string asks.
   *
   * @throws IllegalArgumentException saying what is wrong: a missing name, an unknown or repeated
   *     parameter, a value that does not parse
   */
  static ExplainQuestion parse(String rawQuery) {
    Map<String, String> values = new HashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int equals = pair.indexOf('=');
        String key = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        if (!NAMES.contains(key)) {
          throw new IllegalArgumentException("unknown parameter '" + key + "', expected " + String.join(", ", NAMES));
        }
        if (values.put(key, value) != null) {
          throw new IllegalArgumentException("parameter '" + key + "' given twice");
        }
      }
    }
    String name = values.get("name");
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("missing parameter 'name', the name to explain, as in /explain?name=my-service");
    }
    String typeText = values.getOrDefault("type", "A");
    int type = Type.value(typeText.toUpperCase(Locale.ROOT));
    if (type < 0) {
      throw new IllegalArgumentException("unknown query type '" + typeText + "', expected A, AAAA, SRV, PTR, TXT…");
    }
    InetAddress podIp = null;
    if (values.containsKey("pod_ip")) {
      String text = values.get("pod_ip");
      podIp = IpLiteral.parse(text).orElseThrow(
          () -> new IllegalArgumentException("pod_ip '" + text + "' is not an IP address"));
    }
    Integer ndots = null;
    if (values.containsKey("ndots")) {
      try {
        ndots = Integer.valueOf(values.get("ndots"));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("ndots '" + values.get("ndots") + "' is not a number");
      }
    }
    String namespace = values.get("namespace");
    if (namespace != null && namespace.isEmpty()) {
      throw new IllegalArgumentException("parameter 'namespace' is empty");
    }
    return new ExplainQuestion(name, type, ResolverNames.parse(values.getOrDefault("resolver", "glibc")), namespace,
        podIp, ndots);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
