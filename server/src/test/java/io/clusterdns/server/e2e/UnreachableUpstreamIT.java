package io.clusterdns.server.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream with no route to it when the server starts (a container or network namespace
 * without its network yet) does not stop the server: it starts, and a forwarded query gets
 * SERVFAIL with EDE 23 (Network Error) as from any upstream that is down. Runs the jar in a
 * network namespace of its own that has only loopback ({@code unshare -n}, root only: CI runs
 * as root).
 */
class UnreachableUpstreamIT {
  private static final String SCRIPT = """
      ip link set lo up
      "$1" -jar "$2" -conf "$3" > "$4" 2>&1 &
      server=$!
      for attempt in $(seq 150); do
        dig +tries=1 +time=1 @127.0.0.1 -p 1053 version.bind CH TXT > /dev/null 2>&1 && break
        kill -0 "$server" 2>/dev/null || break
        sleep 0.1
      done
      dig +tries=1 +time=8 @127.0.0.1 -p 1053 example.com A
      kill "$server"
      """;

  @TempDir Path work;

  @Test
  void anUpstreamWithoutARouteAtStartIsAnsweredAsDown() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for unshare -n");
    Path corefile = Files.writeString(work.resolve("Corefile"), ".:1053 {\n  forward . 192.0.2.1\n}\n");
    Path log = work.resolve("server.log");
    String output = JarProcess.run(Duration.ofSeconds(60), "unshare", "--net", "bash", "-c", SCRIPT, "unreachable",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        JarProcess.JAR.toAbsolutePath().toString(), corefile.toString(), log.toString());
    String server = Files.readString(log);
    assertTrue(output.contains("status: SERVFAIL") && output.contains("EDE: 23"),
        output + "\nserver log:\n" + server);
    assertTrue(server.contains("forward: cannot open a UDP socket to 192.0.2.1:53"), server);
  }
}
