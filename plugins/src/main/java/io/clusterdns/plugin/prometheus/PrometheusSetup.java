package io.clusterdns.plugin.prometheus;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.HttpAddress;
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
        directive.args().isEmpty()
            ? PrometheusOptions.DEFAULT
            : new PrometheusOptions(HttpAddress.parse(directive.args().get(0), name()));
    return new PrometheusHandler(options);
  }
}
