package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.CorefileParser;
import io.clusterdns.config.Directive;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.Readiness;
import io.clusterdns.plugin.ReloadResult;
import io.clusterdns.plugin.SetupContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The builder's Corefile sources, environment and base directory; awaitReady; use after close. */
class EmbeddedBuilderTest {
  private static final String COREFILE = "example.org {\n hosts {\n  192.0.2.7 www.example.org\n }\n}\n";

  /** A plugin whose readiness the test switches: {@code gate} answers nothing itself. */
  private static final class Gate implements PluginSetup {
    private final AtomicBoolean open = new AtomicBoolean();

    @Override
    public String name() {
      return "gate";
    }

    @Override
    public Handler setup(Directive directive, SetupContext context) {
      return new GateHandler(open);
    }
  }

  private record GateHandler(AtomicBoolean open) implements Handler, Readiness {
    @Override
    public Message serve(io.clusterdns.plugin.Request request, io.clusterdns.plugin.Chain next) throws Exception {
      return next.next(request);
    }

    @Override
    public boolean isReady() {
      return open.get();
    }
  }

  private static String address(ClusterDns server, String name) throws Exception {
    Message reply = DnsProbe.udp(server.udpAddress(), DnsProbe.query(name, Type.A));
    assertEquals(Rcode.NOERROR, reply.getRcode(), reply.toString());
    return ((ARecord) reply.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress();
  }

  @Test
  void corefileFileReadsTheBuildersEnvironmentAlsoOnReload(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("one.hosts"), "192.0.2.1 www.example.org\n");
    Files.writeString(dir.resolve("two.hosts"), "192.0.2.2 www.example.org\n");
    Path corefile = dir.resolve("Corefile");
    Files.writeString(corefile, "example.org {\n hosts {$FIRST}\n}\n");
    Map<String, String> environment = Map.of("FIRST", "one.hosts", "SECOND", "two.hosts");
    try (ClusterDns server =
        ClusterDns.builder().corefile(corefile).environment(environment::get).start()) {
      assertEquals("192.0.2.1", address(server, "www.example.org."));
      Files.writeString(corefile, "example.org {\n hosts {$SECOND}\n}\n");
      assertEquals(ReloadResult.Outcome.RELOADED, server.reload().outcome());
      assertEquals("192.0.2.2", address(server, "www.example.org."));
    }
  }

  @Test
  void importsOfACorefileFileResolveAgainstTheBaseDirectory(@TempDir Path dir) throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.createDirectories(dir.resolve("snippets"));
    Files.writeString(dir.resolve("snippets/zone"), "example.org {\n hosts {\n  192.0.2.3 www.example.org\n }\n}\n");
    Path corefile = conf.resolve("Corefile");
    Files.writeString(corefile, "import snippets/{$PART}\n");
    try (ClusterDns server = ClusterDns.builder().corefile(corefile).baseDirectory(dir)
        .environment(Map.of("PART", "zone")::get).start()) {
      assertEquals("192.0.2.3", address(server, "www.example.org."));
    }
    // Without a base directory the file's own directory is the base, where snippets/ is not.
    Exception missing = assertThrows(Exception.class,
        () -> ClusterDns.builder().corefile(corefile).environment(Map.of("PART", "zone")::get).validate());
    assertTrue(missing.getMessage().contains(conf.resolve("snippets").toString()), missing.getMessage());
  }

  @Test
  void aSecondCorefileSourceIsRejectedNamingBoth(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("Corefile");
    List<String> messages = new ArrayList<>();
    messages.add(assertThrows(IllegalStateException.class,
        () -> ClusterDns.builder().corefile(COREFILE).corefile(file)).getMessage());
    messages.add(assertThrows(IllegalStateException.class,
        () -> ClusterDns.builder().corefile(file).corefile(COREFILE)).getMessage());
    messages.add(assertThrows(IllegalStateException.class,
        () -> ClusterDns.builder().corefile(CorefileParser.parse(COREFILE, "Corefile", dir, k -> null))
            .corefile(COREFILE)).getMessage());
    assertEquals(List.of(
        "the Corefile was already given as text, it cannot also be file " + file + ": call corefile(…) once",
        "the Corefile was already given as file " + file + ", it cannot also be text: call corefile(…) once",
        "the Corefile was already given as a parsed Corefile, it cannot also be text: call corefile(…) once"),
        messages);
  }

  @Test
  void exchangeAfterCloseIsAnError() throws Exception {
    ClusterDns server = ClusterDns.builder().corefile(COREFILE).start();
    byte[] query = DnsProbe.query("www.example.org.", Type.A).toWire();
    assertEquals(Rcode.NOERROR, new Message(server.exchange(query)).getRcode());
    server.close();
    IllegalStateException closed = assertThrows(IllegalStateException.class, () -> server.exchange(query));
    assertEquals("the server is closed", closed.getMessage());
  }

  @Test
  void closeFromManyThreadsAtOnceClosesOnceAndReturnsAfterIt() throws Exception {
    ClusterDns server = ClusterDns.builder().corefile(COREFILE).start();
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Void>> closers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      closers.add(CompletableFuture.runAsync(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        server.close();
        // Every caller returns only once the server is down, not just the first.
        assertThrows(IllegalStateException.class, () -> server.exchange(new byte[12]));
      }));
    }
    go.countDown();
    CompletableFuture.allOf(closers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    server.close();
    assertFalse(server.isReady());
  }

  @Test
  void awaitReadyNamesThePluginsNotReadyAndReturnsOnceTheyAre() throws Exception {
    Gate gate = new Gate();
    try (ClusterDns server = ClusterDns.builder().plugins(PluginRegistry.withExtra(Map.of(gate, "whoami")))
        .corefile("example.org {\n gate\n whoami\n}\n").start()) {
      IllegalStateException notReady =
          assertThrows(IllegalStateException.class, () -> server.awaitReady(Duration.ofMillis(50)));
      assertEquals("not ready after PT0.05S: waiting for gate", notReady.getMessage());

      CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
        try {
          server.awaitReady(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      assertFalse(waiting.isDone());
      gate.open.set(true);
      waiting.get(10, TimeUnit.SECONDS);
      assertTrue(server.isReady());
    }
  }
}
