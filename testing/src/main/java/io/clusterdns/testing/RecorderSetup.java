package io.clusterdns.testing;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;

/**
 * The test server's own plugin, {@code clusterdns_testing}: first in the chain, it records every
 * query and injects the faults the test asked for. Not on the class path's plugin list: the test
 * server adds it through {@code PluginRegistry.withExtra}, one instance per server.
 */
final class RecorderSetup implements PluginSetup {
  static final String NAME = "clusterdns_testing";

  private final ServerState state;

  RecorderSetup(ServerState state) {
    this.state = state;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    Directives.noArgs(directive);
    Directives.noBlock(directive);
    state.blockSetUp(context);
    return new RecorderHandler(state);
  }
}
