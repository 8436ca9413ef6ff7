package io.clusterdns.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The compiled-in plugins and their fixed execution order. Setups are found with {@link
 * ServiceLoader}; the order is read from {@code plugin.cfg}, so a plugin without a line there
 * is a build error, caught by this class's test.
 */
public final class PluginRegistry {
  private static final String ORDER_FILE = "plugin.cfg";

  private final Map<String, PluginSetup> setups;
  private final Map<String, Integer> order;

  PluginRegistry(Map<String, PluginSetup> setups, List<String> order) {
    this.setups = Map.copyOf(setups);
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      positions.put(order.get(i), i);
    }
    this.order = Map.copyOf(positions);
    for (String name : setups.keySet()) {
      if (!positions.containsKey(name)) {
        throw new IllegalStateException("plugin " + name + " has no line in " + ORDER_FILE);
      }
    }
  }

  /**
   * The plugins on the class path plus {@code extra} ones, for embedders with plugins of their
   * own. An extra plugin runs right before the built-in plugin named by its {@code before}.
   */
  public static PluginRegistry withExtra(Map<PluginSetup, String> extra) {
    PluginRegistry builtIn = load();
    Map<String, PluginSetup> setups = new HashMap<>(builtIn.setups);
    List<String> order = new ArrayList<>(readOrder());
    extra.forEach((setup, before) -> {
      int at = order.indexOf(before);
      if (at < 0) {
        throw new IllegalArgumentException("no plugin " + before + " to place " + setup.name() + " before");
      }
      if (setups.putIfAbsent(setup.name(), setup) != null) {
        throw new IllegalArgumentException("a plugin named " + setup.name() + " exists already");
      }
      order.add(at, setup.name());
    });
    return new PluginRegistry(setups, order);
  }

  /** The plugins on the class path. */
  public static PluginRegistry load() {
    Map<String, PluginSetup> found = new HashMap<>();
    for (PluginSetup setup : ServiceLoader.load(PluginSetup.class, PluginRegistry.class.getClassLoader())) {
      PluginSetup previous = found.put(setup.name(), setup);
      if (previous != null) {
        throw new IllegalStateException("two plugins named " + setup.name());
      }
    }
    return new PluginRegistry(found, readOrder());
  }

  private static List<String> readOrder() {
    List<String> names = new ArrayList<>();
    try (InputStream in = PluginRegistry.class.getResourceAsStream(ORDER_FILE)) {
      if (in == null) {
        throw new IllegalStateException(ORDER_FILE + " is missing from the class path");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String name = line.strip();
        if (!name.isEmpty() && !name.startsWith("#")) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  public Optional<PluginSetup> find(String name) {
    return Optional.ofNullable(setups.get(name));
  }

  /** Position of a plugin in the chain; lower runs first. */
  public int position(String name) {
    Integer position = order.get(name);
    if (position == null) {
      throw new IllegalArgumentException("unknown plugin " + name);
    }
    return position;
  }

  /** The compiled-in plugin names in execution order. */
  public List<String> names() {
    List<String> names = new ArrayList<>(setups.keySet());
    names.sort(Comparator.comparingInt(this::position));
    return names;
  }

  /** The known plugin name closest to a misspelt one, for "did you mean" messages. */
  public Optional<String> closest(String name) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : setups.keySet()) {
      int distance = EditDistance.between(name, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= Math.max(2, name.length() / 2) ? Optional.ofNullable(best) : Optional.empty();
  }
}
