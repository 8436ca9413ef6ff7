package io.clusterdns.server;

import io.clusterdns.config.Corefile;
import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.ServerBlock;
import io.clusterdns.config.ServerKey;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.ListenAddresses;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.ServerControl;
import io.clusterdns.plugin.ServerLookup;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.xbill.DNS.Message;
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
  private final InetAddress defaultAddress;

  /**
   * @param defaultAddress what the blocks without {@code bind} listen on
   */
  ServerAssembler(PluginRegistry registry, int defaultPort, Path baseDirectory, InetAddress defaultAddress) {
    this.registry = registry;
    this.defaultPort = defaultPort;
    this.baseDirectory = baseDirectory;
    this.defaultAddress = defaultAddress;
  }

  /**
   * The zone table of each address and port to listen on (in Corefile order), and every handler
   * in chain order, block after block.
   */
  /** {@code names} holds the directive of each of {@code handlers}, at the same index. */
  record Assembly(Map<ListenKey, ZoneTable> listeners, List<Handler> handlers, List<String> names) {}

  /** A plugin of a block once set up, with where it goes in the chain. */
  private record Configured(int position, String name, Handler handler) {}

  /**
   * @param controls the {@link ServerControl} of a block, given its first listener (known once
   *     its plugins are set up)
   * @param begin whether the configuration is going to be started: every directive is then
   *     prepared ({@link PluginSetup#prepare}) before any plugin is set up, each handler is begun
   *     ({@link Lifecycle#begin}) as soon as it is set up, and all of them are closed again when
   *     a problem is found
   */
  Assembly assemble(
      Corefile corefile,
      ServerLookupRouter router,
      Function<Supplier<ListenKey>, ServerControl> controls,
      boolean begin)
      throws CorefileProblems {
    List<CorefileException> problems = new ArrayList<>();
    List<Lifecycle> begun = new ArrayList<>();
    Map<ListenKey, Map<Name, ZoneTable.Route>> routes = new LinkedHashMap<>();
    Map<ListenKey, Map<String, ServerKey>> seenKeys = new HashMap<>();
    List<Handler> handlers = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<BlockParts> blocks = new ArrayList<>();
    for (ServerBlock block : corefile.blocks()) {
      blocks.add(blockParts(block, router, controls));
    }
    if (begin) {
      prepare(blocks, problems);
    }
    for (BlockParts parts : blocks) {
      ServerBlock block = parts.context().block();
      BlockSetupContext context = parts.context();
      AtomicReference<ListenKey> firstListener = parts.firstListener();
      List<Configured> configured = setUpPlugins(block, context, problems, begin ? begun : null);
      // Not Comparator.comparingInt: the class-data archive holds the application's lambda classes
      // but not those of the JDK's own methods, which each start would generate.
      configured.sort((a, b) -> Integer.compare(a.position(), b.position()));
      List<InetAddress> addresses = listenAddresses(configured);
      firstListener.set(new ListenKey(addresses.get(0), block.keys().get(0).portOr(defaultPort)));
      BlockChain chain =
          new BlockChain(
              configured.stream().map(Configured::name).toList(),
              configured.stream().map(Configured::handler).toList());
      configured.forEach(c -> context.register(c.name(), c.handler()));
      handlers.addAll(chain.handlers());
      names.addAll(chain.names());
      for (ServerKey key : block.keys()) {
        int port = key.portOr(defaultPort);
        Name zone;
        try {
          zone = Name.fromString(key.zone());
        } catch (TextParseException e) {
          problems.add(new CorefileException(key.token(), "invalid zone '" + key.zone() + "': " + e.getMessage()));
          continue;
        }
        for (InetAddress address : addresses) {
          ListenKey listener = new ListenKey(address, port);
          ServerKey first = seenKeys.computeIfAbsent(listener, l -> new HashMap<>()).putIfAbsent(key.zone(), key);
          if (first != null && first != key) {
            problems.add(new CorefileException(key.token(),
                "zone " + key.zone() + " on port " + port
                    + (addresses.size() > 1 || !address.equals(defaultAddress) ? " of " + address.getHostAddress() : "")
                    + " is already served by the block at " + first.token().location()));
            break;
          }
          routes.computeIfAbsent(listener, p -> new HashMap<>()).put(zone, new ZoneTable.Route(key.zone(), chain));
        }
      }
    }
    blocks.forEach(parts -> parts.context().closeUnclaimed());
    if (!problems.isEmpty()) {
      for (int i = begun.size() - 1; i >= 0; i--) {
        begun.get(i).close();
      }
      throw new CorefileProblems(problems);
    }
    Map<ListenKey, ZoneTable> tables = new LinkedHashMap<>();
    routes.forEach((listener, byZone) -> tables.put(listener, new ZoneTable(byZone)));
    return new Assembly(tables, handlers, names);
  }

  /** A block's setup context, and its first listener, known once its plugins are set up. */
  private record BlockParts(BlockSetupContext context, AtomicReference<ListenKey> firstListener) {}

  private BlockParts blockParts(
      ServerBlock block, ServerLookupRouter router, Function<Supplier<ListenKey>, ServerControl> controls) {
    List<String> zones = block.keys().stream().map(ServerKey::zone).distinct().toList();
    // Known once the block's plugins (bind) are set up, which needs the lookup already.
    AtomicReference<ListenKey> firstListener = new AtomicReference<>();
    ServerLookup lookup = new ServerLookup() {
      @Override
      public Message lookup(Request request) {
        return router.lookup(firstListener.get(), request);
      }

      @Override
      public Map<String, Handler> plugins(Name qname) {
        return router.plugins(firstListener.get(), qname);
      }
    };
    return new BlockParts(
        new BlockSetupContext(block, zones, baseDirectory, lookup, controls.apply(firstListener::get)),
        firstListener);
  }

  /**
   * Has every known directive of every block prepare its slow work ({@link PluginSetup#prepare})
   * before any plugin is set up; unknown directives are reported by their setup step.
   */
  private void prepare(List<BlockParts> blocks, List<CorefileException> problems) {
    for (BlockParts parts : blocks) {
      for (Directive directive : parts.context().block().directives()) {
        Optional<PluginSetup> setup = registry.find(directive.nameText());
        if (setup.isPresent()) {
          try {
            parts.context().prepare(setup.get(), directive);
          } catch (RuntimeException e) {
            problems.add(new CorefileException(directive.name(),
                "plugin " + directive.nameText() + " failed to prepare: " + e));
          }
        }
      }
    }
  }

  /** The addresses the bind plugin gives the block (every bind line), else the default one. */
  private List<InetAddress> listenAddresses(List<Configured> configured) {
    Set<InetAddress> addresses = new LinkedHashSet<>();
    for (Configured plugin : configured) {
      if (plugin.handler() instanceof ListenAddresses listen) {
        addresses.addAll(listen.listenAddresses());
      }
    }
    return addresses.isEmpty() ? List.of(defaultAddress) : List.copyOf(addresses);
  }

  /** @param begun where each handler goes once begun, or null when none is to be begun */
  private List<Configured> setUpPlugins(
      ServerBlock block, BlockSetupContext context, List<CorefileException> problems, List<Lifecycle> begun) {
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
          if (begun != null && handler instanceof Lifecycle lifecycle) {
            begun.add(lifecycle);
            lifecycle.begin();
          }
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
