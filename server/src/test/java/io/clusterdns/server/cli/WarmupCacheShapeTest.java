package io.clusterdns.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.server.ClusterDns;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The start's warm-up builds a Caffeine cache of the cache plugin's shape, so that the plugin's
 * setup finds Caffeine's generated classes for it loaded: Caffeine keeps one factory per
 * generated class, and setting up the cache plugin after the warm-up must add none. Runs in a
 * JVM of its own, where no other test has made a cache yet.
 */
class WarmupCacheShapeTest {
  @Test
  void theCachePluginsSetupFindsItsCacheClassesWarmedUp() throws Exception {
    Process process = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), WarmupCacheShapeTest.class.getName())
        .redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(30, TimeUnit.SECONDS);
    assertEquals("added by the cache plugin's setup: []", output.strip());
  }

  /** In the JVM of its own: warms up, sets up the cache plugin, prints the factories it added. */
  public static void main(String[] args) throws Exception {
    StartWarmup.warm();
    Set<String> warmed = factories();
    if (warmed.isEmpty()) {
      throw new IllegalStateException("the warm-up made no Caffeine cache");
    }
    ClusterDns.builder().corefile(".:0 {\n  cache 30\n}\n").validate();
    Set<String> added = factories();
    added.removeAll(warmed);
    System.out.println("added by the cache plugin's setup: " + added);
  }

  /** The names of the cache and node classes that Caffeine has made factories for. */
  @SuppressWarnings("unchecked")
  private static Set<String> factories() throws IOException {
    Set<String> names = new TreeSet<>();
    for (String type : new String[] {"LocalCacheFactory", "NodeFactory"}) {
      try {
        Field field = Class.forName("com.github.benmanes.caffeine.cache." + type).getField("FACTORIES");
        field.setAccessible(true);
        names.addAll(((Map<String, ?>) field.get(null)).keySet());
      } catch (ReflectiveOperationException e) {
        throw new IOException("Caffeine keeps its factories elsewhere now: " + e, e);
      }
    }
    return names;
  }
}
