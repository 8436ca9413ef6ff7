package io.clusterdns.plugin.testkit;

import io.clusterdns.config.Location;
import io.clusterdns.config.ServerBlock;
import io.clusterdns.config.ServerKey;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.ServerLookup;
import io.clusterdns.plugin.SetupContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server block's context for setup tests: its zones, base directory and (optionally) its plugins,
 * nothing running.
 */
public final class FakeSetupContext implements SetupContext {
  private final List<String> zones;
  private final Path baseDirectory;
  private final Map<String, Handler> plugins;

  public FakeSetupContext(Path baseDirectory, String... zones) {
    this(List.of(zones), baseDirectory, Map.of());
  }

  private FakeSetupContext(List<String> zones, Path baseDirectory, Map<String, Handler> plugins) {
    this.zones = zones;
    this.baseDirectory = baseDirectory;
    this.plugins = plugins;
  }

  /** This context with the block's plugins by name, in chain order, as the server gives them. */
  public FakeSetupContext withPlugins(Map<String, Handler> blockPlugins) {
    return new FakeSetupContext(zones, baseDirectory, new LinkedHashMap<>(blockPlugins));
  }

  public FakeSetupContext(String... zones) {
    this(Path.of("."), zones);
  }

  @Override
  public List<String> zones() {
    return zones;
  }

  @Override
  public ServerBlock block() {
    Location location = new Location("Corefile", 1, 1);
    List<ServerKey> keys =
        zones.stream().map(z -> new ServerKey(z, ServerKey.DEFAULT_PORT, new Token(z, false, location))).toList();
    return new ServerBlock(keys, List.of(), location);
  }

  @Override
  public Path baseDirectory() {
    return baseDirectory;
  }

  @Override
  public ServerLookup serverLookup() {
    return request -> {
      throw new IllegalStateException("no server runs in setup tests");
    };
  }

  @Override
  public Optional<Handler> sibling(String pluginName) {
    return Optional.ofNullable(plugins.get(pluginName));
  }

  @Override
  public Map<String, Handler> plugins() {
    return plugins;
  }
}
