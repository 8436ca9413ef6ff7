package io.clusterdns.plugin.ready;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.HttpAddress;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;
import java.net.InetSocketAddress;
import java.util.List;

/** {@code ready [ADDR] { monitor until-ready|continuously }}. */
public final class ReadySetup implements PluginSetup {
  static final int DEFAULT_PORT = 8181;
  private static final List<String> PROPERTIES = List.of("monitor");

  @Override
  public String name() {
    return "ready";
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    return new ReadyHandler(parse(directive), context);
  }

  static ReadyOptions parse(Directive directive) throws CorefileException {
    Directives.argCount(directive, 0, 1, "ready [ADDRESS]");
    InetSocketAddress address = directive.args().isEmpty()
        ? new InetSocketAddress(DEFAULT_PORT)
        : HttpAddress.parse(directive.args().get(0), "ready");
    boolean continuously = false;
    for (Directive property : directive.block()) {
      if (!property.nameText().equals("monitor")) {
        throw Directives.unknownProperty(directive, property, PROPERTIES);
      }
      Directives.argCount(property, 1, 1, "monitor until-ready|continuously");
      Directives.noBlock(property);
      Token mode = property.args().get(0);
      switch (mode.text()) {
        case "until-ready" -> continuously = false;
        case "continuously" -> continuously = true;
        default -> throw new CorefileException(
            mode, "ready: invalid monitor mode '" + mode.text() + "', expected until-ready or continuously");
      }
    }
    return new ReadyOptions(address, continuously);
  }
}
