package io.clusterdns.plugin.testkit;

import io.clusterdns.config.Directive;
import io.clusterdns.config.Location;
import io.clusterdns.config.ServerBlock;
import io.clusterdns.config.ServerKey;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.ServerLookup;
import io.clusterdns.plugin.SetupContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A server block's context for setup tests: its zones and base directory, nothing running. */
public final class FakeSetupContext implements SetupContext {
  private final List<String> zones;
  private final Path baseDirectory;
  private final List<Directive> directives;
  private final Map<String, Handler> siblings;
  private final ServerLookup lookup;

  public FakeSetupContext(Path baseDirectory, String... zones) {
    this(List.of(zones), baseDirectory, List.of(), Map.of(), null);
  }

  private FakeSetupContext(
      List<String> zones,
      Path baseDirectory,
      List<Directive> directives,
      Map<String, Handler> siblings,
      ServerLookup lookup) {
    this.zones = zones;
    this.baseDirectory = baseDirectory;
    this.directives = List.copyOf(directives);
    this.siblings = Map.copyOf(siblings);
    this.lookup = lookup;
  }

  /** The same context whose block also holds {@code directive}, set up as {@code handler}. */
  public FakeSetupContext withSibling(Directive directive, Handler handler) {
    List<Directive> more = new java.util.ArrayList<>(directives);
    more.add(directive);
    Map<String, Handler> handlers = new HashMap<>(siblings);
    handlers.put(directive.nameText(), handler);
    return new FakeSetupContext(zones, baseDirectory, more, handlers, lookup);
  }

  /** The same context whose server answers re-entered queries with {@code lookup}. */
  public FakeSetupContext withServerLookup(ServerLookup lookup) {
    return new FakeSetupContext(zones, baseDirectory, directives, siblings, lookup);
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
    return new ServerBlock(keys, directives, location);
  }

  @Override
  public Path baseDirectory() {
    return baseDirectory;
  }

  @Override
  public ServerLookup serverLookup() {
    if (lookup != null) {
      return lookup;
    }
    return request -> {
      throw new IllegalStateException("no server runs in setup tests");
    };
  }

  @Override
  public Optional<Handler> sibling(String pluginName) {
    return Optional.ofNullable(siblings.get(pluginName));
  }
}
