package io.clusterdns.plugin;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * Begins slow work that one occurrence of the directive needs and that depends on nothing but
   * the directive and its block (the kubernetes plugin's first load of the cluster), for a
   * Corefile that is going to be started: the server calls it for every occurrence of every
   * known directive as soon as the Corefile is parsed, before any plugin is set up, so that the
   * work overlaps the rest of the start on another core. It may run on a thread of its own;
   * {@link #setup} of the same directive takes it over with {@link SetupContext#prepared}, and
   * the server closes what no setup took over. Never called when a Corefile is only validated.
   * A directive with a problem prepares nothing (null): its setup reports the problem.
   *
   * @return the work begun, or null (the default) when there is none
   */
  default Prepared prepare(Directive directive, SetupContext context) {
    return null;
  }

  /** Whether the directive may appear more than once in a server block (as template can). */
  default boolean repeatable() {
    return false;
  }

  /**
   * Sets up every occurrence of the directive in one server block, in Corefile order; the
   * handlers run in the order returned. By default each occurrence is a handler of its own. A
   * plugin whose occurrences form one ordered list overrides this to return a single handler
   * (rewrite: its rules from every line are tried in order, and {@code stop} ends them all).
   * When several occurrences are bad, the first one's error is thrown with the others'
   * attached as suppressed exceptions, so that each is reported.
   */
  default List<Handler> setupAll(List<Directive> occurrences, SetupContext context)
      throws CorefileException {
    List<Handler> handlers = new ArrayList<>(occurrences.size());
    CorefileException first = null;
    for (Directive occurrence : occurrences) {
      try {
        handlers.add(setup(occurrence, context));
      } catch (CorefileException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
    return handlers;
  }
}
