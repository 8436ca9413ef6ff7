package io.clusterdns.plugin;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;

/**
 * Turns one directive of a server block into a handler, as CoreDNS's {@code setup.go}. Found
 * through {@link java.util.ServiceLoader}; the position in the chain comes from {@code
 * plugin.cfg}, never from the Corefile.
 */
public interface PluginSetup {
  /** The directive name, as in the Corefile. */
  String name();

  /**
   * Parses the directive and builds its handler. Errors name the bad token (a {@link
   * CorefileException} built from it) and say what was expected. Nothing may be started here:
   * resources start in {@link Lifecycle#start}.
   */
  Handler setup(Directive directive, SetupContext context) throws CorefileException;

  /** Whether the directive may appear more than once in a server block (as template can). */
  default boolean repeatable() {
    return false;
  }
}
