package io.clusterdns.server.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bash script of the test resources ({@code /e2e/}) run in a private network and mount
 * namespace ({@code unshare -nm}, root only: CI runs as root), so that the resolv.conf, port 53
 * and interfaces it sets up touch nothing on the machine. Its first two arguments are the java
 * binary and the server jar; it prints one {@code KEY -> VALUE} line per result.
 */
public final class NamespacedScript {
  private NamespacedScript() {}

  public static void assumeRoot() {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for unshare -nm");
  }

  /** Copies the resource {@code /e2e/NAME} into {@code dir} under its own name. */
  public static Path copy(String name, Path dir) throws IOException {
    Path target = dir.resolve(name);
    try (var in = NamespacedScript.class.getResourceAsStream("/e2e/" + name)) {
      Files.copy(in, target);
    }
    return target;
  }

  /** Runs {@code script} with java, the jar and {@code args}, for at most {@code limit}. */
  public static String run(Duration limit, Path script, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        "unshare", "--net", "--mount", "bash", script.toString(),
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        JarProcess.JAR.toAbsolutePath().toString()));
    command.addAll(args);
    return JarProcess.run(limit, command.toArray(String[]::new));
  }

  /** The {@code KEY -> VALUE} lines of a script's output, in order; other lines are left out. */
  public static Map<String, String> results(String output) {
    Map<String, String> results = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      String[] parts = line.split(" -> ", 2);
      if (parts.length == 2) {
        results.put(parts[0], parts[1]);
      }
    }
    return results;
  }

  /** A log's text for a failure message, or why there is none. */
  public static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (Exception e) {
      return "(none: " + e + ")";
    }
  }
}
