package io.clusterdns.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.ReloadResult;
import io.clusterdns.plugin.ReloadResult.Outcome;
import io.clusterdns.server.QueryLoad.Expected;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Reloading a changed Corefile under continuous UDP and TCP queries: a change shows, a broken
 * Corefile is logged once with its location and not applied, a fixed one applies again, and no
 * query fails or gets a wrong answer at any point.
 */
class ReloadTest {
  private static final String A = "a.example.org.";
  private static final String B = "b.example.org.";
  private static final String C = "c.example.org.";
  private static final Expected NXDOMAIN = new Expected("none", true);

  @TempDir Path dir;

  private static String corefile(String... hosts) {
    StringBuilder text = new StringBuilder("example.org {\n    reload 1m\n    hosts {\n");
    for (String line : hosts) {
      text.append("        ").append(line).append('\n');
    }
    return text.append("    }\n}\n").toString();
  }

  @Test
  void changesBreakagesAndFixesUnderContinuousQueries() throws Exception {
    Path file = dir.resolve("Corefile");
    Files.writeString(file, corefile("192.0.2.1 a.example.org"));
    Map<String, Expected> expected = new ConcurrentHashMap<>(Map.of(
        A, new Expected("192.0.2.1", false), B, NXDOMAIN, C, NXDOMAIN));
    try (StderrCapture log = new StderrCapture();
        ClusterDns dns = ClusterDns.builder().corefile(file).udpWorkers(2).start();
        QueryLoad load = new QueryLoad(dns.udpAddress(), List.of(A, B, C), expected::get)) {
      awaitAnswers(load, 20);

      // A change: b appears.
      expected.put(B, new Expected("192.0.2.2", true));
      Files.writeString(file, corefile("192.0.2.1 a.example.org", "192.0.2.2 b.example.org"));
      assertEquals(Outcome.RELOADED, dns.reload().outcome());
      expected.put(B, new Expected("192.0.2.2", false));
      awaitAnswers(load, 20);

      // A syntax error: the block is never closed.
      Files.writeString(file, corefile("192.0.2.1 a.example.org", "192.0.2.2 b.example.org",
          "192.0.2.3 c.example.org").replaceFirst("}\n$", ""));
      ReloadResult broken = dns.reload();
      assertEquals(Outcome.FAILED, broken.outcome());
      String syntax = file + ":1:13: missing '}'";
      assertTrue(broken.problems().get(0).startsWith(syntax), broken.problems().toString());
      assertEquals(Outcome.UNCHANGED, dns.reload().outcome());
      awaitAnswers(load, 20);

      // A bad option: ttl is not a number.
      Files.writeString(file, corefile("192.0.2.1 a.example.org", "192.0.2.2 b.example.org",
          "192.0.2.3 c.example.org", "ttl soon"));
      ReloadResult badOption = dns.reload();
      assertEquals(Outcome.FAILED, badOption.outcome());
      String option = file + ":7:13: ";
      assertTrue(badOption.problems().get(0).startsWith(option), badOption.problems().toString());
      assertEquals(Outcome.UNCHANGED, dns.reload().outcome());
      awaitAnswers(load, 20);

      // Fixed: c appears.
      expected.put(C, new Expected("192.0.2.3", true));
      Files.writeString(file, corefile("192.0.2.1 a.example.org", "192.0.2.2 b.example.org",
          "192.0.2.3 c.example.org", "ttl 60"));
      assertEquals(Outcome.RELOADED, dns.reload().outcome());
      expected.put(C, new Expected("192.0.2.3", false));
      awaitAnswers(load, 20);

      load.close();
      assertEquals(List.of(), load.failures());
      assertEquals(1, log.count(syntax), log.text());
      assertEquals(1, log.count(option), log.text());
      assertEquals(2, log.count("Corefile changed but reload failed"), log.text());
    }
  }

  /** Waits until each client got {@code more} answers beyond what it has now. */
  private static void awaitAnswers(QueryLoad load, int more) {
    int udp = load.udpAnswers() + more;
    int tcp = load.tcpAnswers() + more;
    await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10))
        .until(() -> load.udpAnswers() >= udp && load.tcpAnswers() >= tcp || !load.failures().isEmpty());
    assertEquals(List.of(), load.failures());
  }

  @Test
  void aChangedImportIsAChangedCorefile() throws Exception {
    Files.createDirectories(dir.resolve("conf.d"));
    Files.writeString(dir.resolve("conf.d/a.conf"), "hosts {\n 192.0.2.1 a.example.org\n fallthrough\n}\n");
    Path file = dir.resolve("Corefile");
    Files.writeString(file, "example.org {\n    import conf.d/*.conf\n    whoami\n}\n");
    try (ClusterDns dns = ClusterDns.builder().corefile(file).start()) {
      assertEquals(Outcome.UNCHANGED, dns.reload().outcome());

      Files.writeString(dir.resolve("conf.d/a.conf"), "hosts {\n 192.0.2.9 a.example.org\n fallthrough\n}\n");
      ReloadResult changed = dns.reload();
      assertEquals(Outcome.RELOADED, changed.outcome());
      assertEquals(128, changed.digest().length());
      assertEquals("192.0.2.9", address(dns, A));

      // A file that newly matches the glob changes the configuration too (here: a broken one).
      Files.writeString(dir.resolve("conf.d/b.conf"), "template IN A example.org {\n");
      ReloadResult broken = dns.reload();
      assertEquals(Outcome.FAILED, broken.outcome());
      assertTrue(broken.problems().get(0).startsWith(dir.resolve("conf.d/b.conf") + ":1:"),
          broken.problems().toString());
      Files.delete(dir.resolve("conf.d/b.conf"));
      assertEquals(Outcome.UNCHANGED, dns.reload().outcome(), "the running configuration's files again");
      assertEquals("192.0.2.9", address(dns, A));
    }
  }

  @Test
  void aCorefileGivenAsTextHasNothingToReread() throws Exception {
    try (ClusterDns dns = ClusterDns.builder().corefile("example.org {\n reload\n whoami\n}\n").start()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, dns::reload);
      assertTrue(e.getMessage().contains("given as text"), e.getMessage());
      assertEquals(Rcode.NOERROR, DnsProbe.udp(dns.udpAddress(), DnsProbe.query(A, Type.A)).getRcode());
    }
  }

  static String address(ClusterDns dns, String name) throws IOException {
    Message reply = DnsProbe.udp(dns.udpAddress(), DnsProbe.query(name, Type.A));
    return reply.getSection(Section.ANSWER).isEmpty() ? Rcode.string(reply.getRcode())
        : reply.getSection(Section.ANSWER).get(0).rdataToString();
  }
}
