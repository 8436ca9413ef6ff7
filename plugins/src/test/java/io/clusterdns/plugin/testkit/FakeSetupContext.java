package io.clusterdns.plugin.testkit;

import io.clusterdns.config.Directive;
import io.clusterdns.config.Location;
import io.clusterdns.config.ServerBlock;
import io.clusterdns.config.ServerKey;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.ServerControl;
import io.clusterdns.plugin.ServerLookup;
import io.clusterdns.plugin.SetupContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server block's context for setup tests: its zones, base directory and (optionally) its
 * plugins and their directives, nothing running unless a test gives it a server lookup or a
 * server control of its own.
 */
public final class FakeSetupContext implements SetupContext {
  private final List<String> zones;
  private final Path baseDirectory;
  private final List<Directive> directives;
  private final Map<String, Handler> plugins;
  private final ServerLookup lookup;
  private final ServerControl control;

  public FakeSetupContext(Path baseDirectory, String... zones) {
    this(List.of(zones), baseDirectory, List.of(), Map.of(), request -> {
      throw new IllegalStateException("no server runs in setup tests");
    }, null);
  }

  private FakeSetupContext(List<String> zones, Path baseDirectory, List<Directive> directives,
      Map<String, Handler> plugins, ServerLookup lookup, ServerControl control) {
    this.zones = zones;
    this.baseDirectory = baseDirectory;
    this.directives = List.copyOf(directives);
    this.plugins = plugins;
    this.lookup = lookup;
    this.control = control;
  }

  public FakeSetupContext(String... zones) {
    this(Path.of("."), zones);
  }

  /** This context with the block's plugins by name, in chain order, as the server gives them. */
  public FakeSetupContext withPlugins(Map<String, Handler> blockPlugins) {
    return new FakeSetupContext(zones, baseDirectory, directives, new LinkedHashMap<>(blockPlugins), lookup,
        control);
  }

  /** The same context whose block also holds {@code directive}, set up as {@code handler}. */
  public FakeSetupContext withSibling(Directive directive, Handler handler) {
    List<Directive> more = new ArrayList<>(directives);
    more.add(directive);
    Map<String, Handler> handlers = new LinkedHashMap<>(plugins);
    handlers.put(directive.nameText(), handler);
    return new FakeSetupContext(zones, baseDirectory, more, handlers, lookup, control);
  }

  /** This context with {@code lookup} as the server's way in. */
  public FakeSetupContext withServerLookup(ServerLookup lookup) {
    return new FakeSetupContext(zones, baseDirectory, directives, plugins, lookup, control);
  }

  /** This context with {@code control} as the running server. */
  public FakeSetupContext withServerControl(ServerControl control) {
    return new FakeSetupContext(zones, baseDirectory, directives, plugins, lookup, control);
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
    return new ServerBlock(keys, directives, location);
  }

  @Override
  public Path baseDirectory() {
    return baseDirectory;
  }

  @Override
  public ServerLookup serverLookup() {
    return lookup;
  }

  @Override
  public ServerControl serverControl() {
    return control == null ? SetupContext.super.serverControl() : control;
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
