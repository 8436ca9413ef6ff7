package io.clusterdns.plugin.whoami;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;

/** {@code whoami}: no arguments, no block. */
public final class WhoamiSetup implements PluginSetup {
  @Override
  public String name() {
    return "whoami";
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    Directives.noArgs(directive);
    Directives.noBlock(directive);
    return new WhoamiHandler();
  }
}
