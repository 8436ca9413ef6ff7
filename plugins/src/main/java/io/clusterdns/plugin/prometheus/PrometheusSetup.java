package io.clusterdns.plugin.prometheus;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;

/** {@code prometheus [ADDR]}: ADDR is {@code [HOST]:PORT}, {@code localhost:9153} by default. */
public final class PrometheusSetup implements PluginSetup {
  private static final String USAGE = "prometheus [ADDR]";

  @Override
  public String name() {
    return "prometheus";
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    Directives.argCount(directive, 0, 1, USAGE);
    if (!directive.block().isEmpty()) {
      Directive property = directive.block().get(0);
      throw new CorefileException(
          property.name(),
          "prometheus: unknown property '" + property.nameText()
              + "': prometheus takes no properties (JVM runtime metrics are always exported)");
    }
    PrometheusOptions options =
        directive.args().isEmpty() ? PrometheusOptions.DEFAULT : address(directive.args().get(0));
    return new PrometheusHandler(options);
  }

  /** Reads {@code [HOST]:PORT} as Go's {@code net.SplitHostPort} does. */
  private static PrometheusOptions address(Token token) throws CorefileException {
    String text = token.text();
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new CorefileException(
          token, "prometheus: address '" + text + "' has no port, expected [HOST]:PORT such as :9153");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
      if (host.isEmpty() || !host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
        throw new CorefileException(
            token, "prometheus: '" + host + "' in address '" + text + "' is not an IPv6 address");
      }
    } else if (host.indexOf(':') >= 0) {
      throw new CorefileException(
          token, "prometheus: address '" + text + "' has too many colons; write an IPv6 host in brackets, as [::1]:9153");
    } else if (!host.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-')) {
      throw new CorefileException(
          token, "prometheus: '" + host + "' in address '" + text + "' is not a host name or address");
    }
    String port = text.substring(colon + 1);
    if (port.isEmpty() || !port.chars().allMatch(c -> c >= '0' && c <= '9') || port.length() > 5
        || Integer.parseInt(port) > 65535) {
      throw new CorefileException(
          token, "prometheus: port '" + port + "' in address '" + text + "' must be a number from 0 to 65535");
    }
    return new PrometheusOptions(host, Integer.parseInt(port));
  }
}
