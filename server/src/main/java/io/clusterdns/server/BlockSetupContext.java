package io.clusterdns.server;

import io.clusterdns.config.Directive;
import io.clusterdns.config.ServerBlock;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.Prepared;
import io.clusterdns.plugin.ServerControl;
import io.clusterdns.plugin.ServerLookup;
import io.clusterdns.plugin.SetupContext;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link SetupContext} of one server block. */
final class BlockSetupContext implements SetupContext {
  private final ServerBlock block;
  private final List<String> zones;
  private final Path baseDirectory;
  private final ServerLookup lookup;
  private final ServerControl control;
  /**
   * What the plugins prepared for the block's directives, until their setups take it over; used
   * by the assembling thread only. By identity: a directive is a record, whose hash a start
   * would compute through method handles.
   */
  private final Map<Directive, Prepared> prepared = new IdentityHashMap<>();
  /** Filled in chain order once the block is set up, read at start and at query time. */
  private volatile Map<String, Handler> handlers = Map.of();

  BlockSetupContext(ServerBlock block, List<String> zones, Path baseDirectory, ServerLookup lookup,
      ServerControl control) {
    this.block = block;
    this.zones = List.copyOf(zones);
    this.baseDirectory = baseDirectory;
    this.lookup = lookup;
    this.control = control;
  }

  /** Has {@code setup} prepare {@code directive} ({@link PluginSetup#prepare}). */
  void prepare(PluginSetup setup, Directive directive) {
    Prepared work = setup.prepare(directive, this);
    if (work != null) {
      prepared.put(directive, work);
    }
  }

  /** Closes what was prepared and no setup took over. */
  void closeUnclaimed() {
    prepared.values().forEach(Prepared::close);
    prepared.clear();
  }

  @Override
  public Optional<Prepared> prepared(Directive directive) {
    return Optional.ofNullable(prepared.remove(directive));
  }

  void register(String plugin, Handler handler) {
    Map<String, Handler> more = new LinkedHashMap<>(handlers);
    more.putIfAbsent(plugin, handler);
    handlers = Collections.unmodifiableMap(more);
  }

  @Override
  public List<String> zones() {
    return zones;
  }

  @Override
  public ServerBlock block() {
    return block;
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
    return control;
  }

  @Override
  public Optional<Handler> sibling(String pluginName) {
    return Optional.ofNullable(handlers.get(pluginName));
  }

  @Override
  public Map<String, Handler> plugins() {
    return handlers;
  }
}
