package io.clusterdns.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house rule that plugins talk to each other only through the plugin API: no source file of
 * a plugin's package names another plugin's package, and the plugin API itself names none. A
 * plugin is a name of {@code plugin.cfg}; the other packages under {@code io.clusterdns.plugin}
 * (such as {@code cluster}, the cluster's objects as DNS reads them) are shared by any plugin.
 */
class PluginBoundariesTest {
  private static final Path SOURCES = Path.of("src/main/java/io/clusterdns/plugin");
  private static final Pattern REFERENCE =
      Pattern.compile("io\\.clusterdns\\.plugin\\.([a-z_0-9]+)\\.");

  @Test
  void pluginsNameNoOtherPlugin() throws IOException {
    Set<String> plugins = plugins();
    List<String> crossings = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = SOURCES.relativize(file);
        String owner = relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
        if (!owner.isEmpty() && !plugins.contains(owner)) {
          continue;
        }
        Matcher names = REFERENCE.matcher(Files.readString(file));
        while (names.find()) {
          String named = names.group(1);
          if (plugins.contains(named) && !named.equals(owner)) {
            crossings.add(relative + " names plugin " + named);
          }
        }
      }
    }
    assertEquals(List.of(), crossings);
  }

  @Test
  void everyPluginOfTheOrderHasItsPackage() throws IOException {
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> entries = Files.list(SOURCES)) {
      entries.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
    }
    // "file" is in CoreDNS's order for the Corefiles that name it, and has no package here.
    Set<String> expected = new TreeSet<>(plugins());
    expected.remove("file");
    expected.removeAll(packages);
    assertEquals(Set.of(), expected, "plugins of plugin.cfg without a package");
  }

  private static Set<String> plugins() throws IOException {
    Set<String> names = new TreeSet<>();
    try (InputStream in = PluginBoundariesTest.class.getResourceAsStream("plugin.cfg")) {
      assertNotNull(in, "plugin.cfg on the class path");
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String name = line.strip();
        if (!name.isEmpty() && !name.startsWith("#")) {
          names.add(name);
        }
      }
    }
    assertTrue(names.contains("kubernetes"), "plugin.cfg read: " + names);
    return names;
  }
}
