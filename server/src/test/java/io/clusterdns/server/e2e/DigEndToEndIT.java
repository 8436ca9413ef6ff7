package io.clusterdns.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar with a Corefile, queried with dig and kdig over UDP and TCP. */
class DigEndToEndIT {
  @TempDir static Path dir;
  private static JarProcess server;

  @BeforeAll
  static void start() throws Exception {
    for (String client : new String[] {"dig", "kdig"}) {
      assertTrue(JarProcess.onPath(client), client + " is needed: apt-get install bind9-dnsutils knot-dnsutils");
    }
    Path corefile = Files.writeString(dir.resolve("Corefile"), String.join("\n",
        "example.org 192.0.2.0/24 {",
        "  errors",
        "  log",
        "  hosts {",
        "    192.0.2.40 www.example.org",
        "    2001:db8::40 www.example.org",
        "  }",
        "}", ""));
    server = JarProcess.start(dir, "www.example.org.", "-conf", corefile.toString());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String dig(String... args) throws Exception {
    return DigCommand.at(server.port, args);
  }

  @Test
  void digOverUdp() throws Exception {
    assertEquals("192.0.2.40", dig("+short", "www.example.org", "A").strip());
    assertEquals("2001:db8::40", dig("+short", "www.example.org", "AAAA").strip());
  }

  @Test
  void digOverTcp() throws Exception {
    assertEquals("192.0.2.40", dig("+tcp", "+short", "www.example.org").strip());
  }

  @Test
  void digSeesNxdomainAndRefused() throws Exception {
    assertTrue(dig("missing.example.org").contains("status: NXDOMAIN"));
    assertTrue(dig("www.example.com").contains("status: REFUSED"));
  }

  @Test
  void digReverseLookup() throws Exception {
    assertEquals("www.example.org.", dig("+short", "-x", "192.0.2.40").strip());
  }

  @Test
  void kdigOverUdpAndTcp() throws Exception {
    String port = Integer.toString(server.port);
    assertEquals("192.0.2.40", JarProcess.run("kdig", "@127.0.0.1", "-p", port, "+short", "www.example.org").strip());
    assertEquals("192.0.2.40", JarProcess.run("kdig", "@127.0.0.1", "-p", port, "+tcp", "+short", "www.example.org").strip());
  }

  @Test
  void queriesAreLoggedInCommonLogFormat() throws Exception {
    dig("+short", "logged.example.org");
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
        .until(() -> server.output().contains("\"A IN logged.example.org. udp"));
  }
}
