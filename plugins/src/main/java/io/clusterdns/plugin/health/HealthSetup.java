package io.clusterdns.plugin.health;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.HttpAddress;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** {@code health [ADDR] { lameduck DURATION }}. */
public final class HealthSetup implements PluginSetup {
  static final int DEFAULT_PORT = 8080;
  private static final List<String> PROPERTIES = List.of("lameduck");

  @Override
  public String name() {
    return "health";
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    return new HealthHandler(parse(directive), HealthEndpoint.SELF_CHECK_PERIOD);
  }

  static HealthOptions parse(Directive directive) throws CorefileException {
    Directives.argCount(directive, 0, 1, "health [ADDRESS]");
    InetSocketAddress address = directive.args().isEmpty()
        ? new InetSocketAddress(DEFAULT_PORT)
        : HttpAddress.parse(directive.args().get(0), "health");
    Duration lameduck = Duration.ZERO;
    for (Directive property : directive.block()) {
      if (!property.nameText().equals("lameduck")) {
        throw Directives.unknownProperty(directive, property, PROPERTIES);
      }
      Directives.argCount(property, 1, 1, "lameduck DURATION");
      Directives.noBlock(property);
      Token value = property.args().get(0);
      lameduck = Directives.duration(value, "lameduck");
      if (lameduck.isZero() || lameduck.isNegative()) {
        throw new CorefileException(value, "lameduck must be positive, got '" + value.text() + "'");
      }
    }
    return new HealthOptions(address, lameduck);
  }
}
