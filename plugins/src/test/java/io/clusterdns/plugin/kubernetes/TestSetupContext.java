package io.clusterdns.plugin.kubernetes;

import io.clusterdns.config.ServerBlock;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.ServerLookup;
import io.clusterdns.plugin.SetupContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A server block's context for setup tests: its zones and base directory. */
record TestSetupContext(List<String> zones, Path baseDirectory, ServerLookup serverLookup)
    implements SetupContext {
  TestSetupContext(String... zones) {
    this(List.of(zones), Path.of("/etc/coredns"), request -> {
      throw new IllegalStateException("no server in setup tests");
    });
  }

  @Override
  public ServerBlock block() {
    return new ServerBlock(List.of(), List.of(), null);
  }

  @Override
  public Optional<Handler> sibling(String pluginName) {
    return Optional.empty();
  }
}
