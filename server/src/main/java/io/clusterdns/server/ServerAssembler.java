package io.clusterdns.server;

import io.clusterdns.config.Corefile;
import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.ServerBlock;
import io.clusterdns.config.ServerKey;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.ServerLookup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Sets up every plugin of every server block and groups the blocks by port: the step between a
 * parsed Corefile and running listeners. All problems are collected before failing, so that
 * {@code -validate} can print each of them.
 */
final class ServerAssembler {
  private final PluginRegistry registry;
  private final int defaultPort;
  private final Path baseDirectory;

  ServerAssembler(PluginRegistry registry, int defaultPort, Path baseDirectory) {
    this.registry = registry;
    this.defaultPort = defaultPort;
    this.baseDirectory = baseDirectory;
  }

  /** The zone tables of each port, and every handler in chain order, block after block. */
  record Assembly(Map<Integer, ZoneTable> ports, List<Handler> handlers, List<BlockSetupContext> contexts) {}

  /** A plugin of a block once set up, with where it goes in the chain. */
  private record Configured(int position, String name, Handler handler) {}

  Assembly assemble(Corefile corefile, ServerLookupRouter router) throws CorefileProblems {
    List<CorefileException> problems = new ArrayList<>();
    Map<Integer, Map<Name, ZoneTable.Route>> routes = new LinkedHashMap<>();
    Map<String, ServerKey> seenKeys = new HashMap<>();
    List<Handler> handlers = new ArrayList<>();
    List<BlockSetupContext> contexts = new ArrayList<>();
    for (ServerBlock block : corefile.blocks()) {
      List<String> zones = block.keys().stream().map(ServerKey::zone).distinct().toList();
      int firstPort = block.keys().get(0).portOr(defaultPort);
      ServerLookup lookup = request -> router.lookup(firstPort, request);
      BlockSetupContext context = new BlockSetupContext(block, zones, baseDirectory, lookup);
      List<Configured> configured = setUpPlugins(block, context, problems);
      configured.sort(Comparator.comparingInt(Configured::position));
      BlockChain chain =
          new BlockChain(
              configured.stream().map(Configured::name).toList(),
              configured.stream().map(Configured::handler).toList());
      configured.forEach(c -> context.register(c.name(), c.handler()));
      handlers.addAll(chain.handlers());
      contexts.add(context);
      for (ServerKey key : block.keys()) {
        int port = key.portOr(defaultPort);
        String id = key.zone() + ":" + port;
        ServerKey first = seenKeys.putIfAbsent(id, key);
        if (first != null && first != key) {
          problems.add(new CorefileException(key.token(),
              "zone " + key.zone() + " on port " + port + " is already served by the block at "
                  + first.token().location()));
          continue;
        }
        try {
          routes.computeIfAbsent(port, p -> new HashMap<>())
              .put(Name.fromString(key.zone()), new ZoneTable.Route(key.zone(), chain));
        } catch (TextParseException e) {
          problems.add(new CorefileException(key.token(), "invalid zone '" + key.zone() + "': " + e.getMessage()));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new CorefileProblems(problems);
    }
    Map<Integer, ZoneTable> tables = new LinkedHashMap<>();
    routes.forEach((port, byZone) -> tables.put(port, new ZoneTable(byZone)));
    return new Assembly(tables, handlers, contexts);
  }

  private List<Configured> setUpPlugins(
      ServerBlock block, BlockSetupContext context, List<CorefileException> problems) {
    Map<String, List<Directive>> occurrences = new LinkedHashMap<>();
    for (Directive directive : block.directives()) {
      String name = directive.nameText();
      Optional<PluginSetup> setup = registry.find(name);
      if (setup.isEmpty()) {
        problems.add(new CorefileException(directive.name(), unknownDirective(name)));
        continue;
      }
      List<Directive> same = occurrences.computeIfAbsent(name, n -> new ArrayList<>());
      if (!same.isEmpty() && !setup.get().repeatable()) {
        problems.add(new CorefileException(directive.name(),
            "plugin " + name + " can only be used once per server block"));
        continue;
      }
      same.add(directive);
    }
    List<Configured> configured = new ArrayList<>();
    occurrences.forEach((name, directives) -> {
      try {
        for (Handler handler : registry.find(name).orElseThrow().setupAll(directives, context)) {
          configured.add(new Configured(registry.position(name), name, handler));
        }
      } catch (CorefileException e) {
        problems.add(e);
        for (Throwable more : e.getSuppressed()) {
          if (more instanceof CorefileException problem) {
            problems.add(problem);
          }
        }
      } catch (RuntimeException e) {
        problems.add(new CorefileException(directives.get(0).name(), "plugin " + name + " failed to set up: " + e));
      }
    });
    return configured;
  }

  private String unknownDirective(String name) {
    return "unknown directive '" + name + "'"
        + registry.closest(name).map(c -> "; did you mean '" + c + "'?")
            .orElse("; known plugins: " + String.join(", ", registry.names()));
  }
}
