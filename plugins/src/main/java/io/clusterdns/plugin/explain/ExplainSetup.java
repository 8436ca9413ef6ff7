package io.clusterdns.plugin.explain;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.HttpAddress;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** {@code explain [ADDRESS]}: {@code GET /explain} over HTTP, on {@code localhost:8099} by default. */
public final class ExplainSetup implements PluginSetup {
  static final int DEFAULT_PORT = 8099;

  @Override
  public String name() {
    return "explain";
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    return new ExplainHandler(parse(directive), context);
  }

  /** The address to listen on. */
  static InetSocketAddress parse(Directive directive) throws CorefileException {
    Directives.argCount(directive, 0, 1, "explain [ADDRESS]");
    Directives.noBlock(directive);
    return directive.args().isEmpty()
        ? new InetSocketAddress(InetAddress.getLoopbackAddress(), DEFAULT_PORT)
        : HttpAddress.parse(directive.args().get(0), "explain");
  }
}
