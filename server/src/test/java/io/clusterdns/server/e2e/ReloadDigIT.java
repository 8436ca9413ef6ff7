package io.clusterdns.server.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar started with {@code -conf} and {@code reload 2s} picks up an edited Corefile on its
 * own, logs a broken edit with its location and keeps answering from the running one, and picks
 * up the fix: checked with dig over UDP and TCP.
 */
class ReloadDigIT {
  @TempDir Path dir;

  private static String corefile(String... hostsLines) {
    return "example.org {\n    reload 2s 1s\n    hosts {\n        " + String.join("\n        ", hostsLines)
        + "\n    }\n}\n";
  }

  private static String dig(JarProcess server, String... args) throws Exception {
    return DigCommand.at(server.port, args).strip();
  }

  @Test
  void editsBreakagesAndFixesReachDig() throws Exception {
    assertTrue(JarProcess.onPath("dig"), "dig is needed: apt-get install bind9-dnsutils");
    Path file = Files.writeString(dir.resolve("Corefile"), corefile("192.0.2.1 www.example.org"));
    try (JarProcess server = JarProcess.start(dir, "www.example.org.", "-conf", file.toString())) {
      assertEquals("192.0.2.1", dig(server, "+short", "www.example.org"));

      Files.writeString(file, corefile("192.0.2.2 www.example.org"));
      await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(15))
          .until(() -> dig(server, "+short", "www.example.org").equals("192.0.2.2"));
      assertEquals("192.0.2.2", dig(server, "+tcp", "+short", "www.example.org"));

      Files.writeString(file, corefile("192.0.2.3 www.example.org", "ttl forever"));
      String location = file + ":5:13: hosts ttl must be a whole number, got 'forever'";
      await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(15))
          .until(() -> server.output().contains(location));
      assertTrue(server.output().contains("Corefile changed but reload failed"), server.output());
      assertEquals("192.0.2.2", dig(server, "+short", "www.example.org"));

      Files.writeString(file, corefile("192.0.2.3 www.example.org", "ttl 60"));
      await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(15))
          .until(() -> dig(server, "+short", "www.example.org").equals("192.0.2.3"));
      assertEquals(1, server.output().split(java.util.regex.Pattern.quote(location), -1).length - 1,
          "a broken Corefile is logged once: " + server.output());
    }
  }
}
