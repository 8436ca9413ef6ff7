package io.clusterdns.plugin;

import io.clusterdns.config.Directive;
import io.clusterdns.config.ServerBlock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a plugin's setup may know of the server block it is configured in. */
public interface SetupContext {
  /** The block's zones, lower case with a trailing dot, in key order. */
  List<String> zones();

  ServerBlock block();

  /** The directory relative file names in the Corefile resolve against. */
  Path baseDirectory();

  /** Re-enters the whole server (see {@link ServerLookup}); usable once the server runs. */
  ServerLookup serverLookup();

  /**
   * The handler another plugin of the same block was set up as, for plugins that work with a
   * sibling (k8s_external and autopath with kubernetes). Empty when that plugin is not in the
   * block. Only valid after every plugin of the block was set up, that is, at query time or in
   * {@link Lifecycle#start}.
   */
  Optional<Handler> sibling(String pluginName);

  /**
   * Every plugin of the block by name, in chain order (a repeated plugin by its first
   * directive), for plugins that report on all of them (ready). Like {@link #sibling}, only
   * valid at query time or in {@link Lifecycle#start}.
   */
  default Map<String, Handler> plugins() {
    return Map.of();
  }

  /**
   * What {@link PluginSetup#prepare} began for {@code directive} of this block, handed over once:
   * the caller owns it from then on. Empty when nothing was prepared (a Corefile only
   * validated, a setup test's context).
   */
  default Optional<Prepared> prepared(Directive directive) {
    return Optional.empty();
  }

  /**
   * The running server, for plugins that reload it or stop it (reload, loop); usable once the
   * server runs, that is, in {@link Lifecycle#start} and later. Contexts without a server (setup
   * tests) have none.
   */
  default ServerControl serverControl() {
    throw new UnsupportedOperationException("no server runs in this setup context");
  }
}
