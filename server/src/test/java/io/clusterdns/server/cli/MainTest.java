package io.clusterdns.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.server.ClusterDns;
import io.clusterdns.server.FreePorts;
import io.clusterdns.server.UpstreamSetup;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's flags that do not start a server. */
class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
  }

  @Test
  void versionPrintsTheBuildVersion() {
    assertEquals(0, run("-version"));
    assertTrue(out.toString().startsWith("ClusterDNS-0."), out.toString());
  }

  @Test
  void pluginsListsCompiledInPluginsInExecutionOrder() {
    assertEquals(0, run("-plugins"));
    String listing = out.toString();
    assertTrue(listing.contains("dns.hosts") && listing.contains("dns.whoami"), listing);
    assertTrue(listing.indexOf("dns.errors") < listing.indexOf("dns.hosts"), listing);
    assertTrue(listing.indexOf("dns.hosts") < listing.indexOf("dns.whoami"), listing);
  }

  @Test
  void pluginsListingIsCoreDnsShapedAndEndsWithANewline() {
    assertEquals(0, run("-plugins"));
    List<String> names = PluginRegistry.load().names();
    StringBuilder expected = new StringBuilder(
        "Server types:\n  dns\n\nCaddyfile loaders:\n  flag\n  default\n\nOther plugins:\n");
    names.forEach(name -> expected.append("  dns.").append(name).append('\n'));
    assertEquals(expected.toString(), out.toString().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void helpDescribesEveryFlag() {
    assertEquals(0, run("--help"));
    for (String flag : new String[] {"-conf", "-dns.port", "-dns.udp_threads", "-validate", "-plugins", "-version"}) {
      assertTrue(out.toString().contains(flag), flag);
    }
  }

  @Test
  void validateAcceptsAGoodCorefile(@TempDir Path dir) throws Exception {
    Path corefile = Files.writeString(dir.resolve("Corefile"), "example.org {\n whoami\n}\n");
    assertEquals(0, run("-conf", corefile.toString(), "-validate"), err.toString());
    assertTrue(out.toString().contains("valid"));
  }

  @Test
  void validatePrintsEveryProblemAndFails(@TempDir Path dir) throws Exception {
    Path corefile = Files.writeString(dir.resolve("Corefile"), "a.test {\n whoam\n}\nb.test {\n hosts {\n  notanip x.b.test\n }\n}\n");
    assertEquals(1, run("-conf", corefile.toString(), "-validate"));
    String problems = err.toString();
    assertTrue(problems.contains(corefile + ":2:2: unknown directive 'whoam'"), problems);
    assertTrue(problems.contains(corefile + ":6:"), problems);
  }

  @Test
  void udpThreadsBelowOneFails(@TempDir Path dir) throws Exception {
    Path corefile = Files.writeString(dir.resolve("Corefile"), "example.org {\n whoami\n}\n");
    assertEquals(1, run("-conf", corefile.toString(), "-dns.udp_threads", "0", "-validate"));
    assertTrue(err.toString().contains("-dns.udp_threads must be at least 1, got 0"), err.toString());
  }

  @Test
  void udpThreadsIsAcceptedWithValidate(@TempDir Path dir) throws Exception {
    Path corefile = Files.writeString(dir.resolve("Corefile"), "example.org {\n whoami\n}\n");
    assertEquals(0, run("-conf", corefile.toString(), "-dns.udp_threads", "16", "-validate"), err.toString());
  }

  @Test
  void unknownFlagFailsWithUsage() {
    assertEquals(2, run("-nosuchflag"));
    assertTrue(err.toString().contains("-nosuchflag"), err.toString());
  }

  @Test
  void unreadableCorefileFails(@TempDir Path dir) {
    assertEquals(1, run("-conf", dir.resolve("missing").toString(), "-validate"));
    assertTrue(err.toString().contains("cannot read Corefile"), err.toString());
  }

  @Test
  void aForwardingLoopEndsTheServerWithStatusOne(@TempDir Path dir) throws Exception {
    int port = FreePorts.udpAndTcp();
    UpstreamSetup upstream = UpstreamSetup.overTcp();
    upstream.sendTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    Path corefile = Files.writeString(dir.resolve("Corefile"), "example.org:" + port + " {\n loop\n upstream\n}\n");
    ClusterDns.Builder builder = ClusterDns.builder().plugins(upstream.registry()).corefile(corefile);
    Main main = new Main(new PrintWriter(out, true), new PrintWriter(err, true));

    CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> {
      try {
        return main.serve(builder, null);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    assertEquals(1, status.get(10, TimeUnit.SECONDS));
  }

  /** Issue 10 item 10: a port in use is one line naming transport, address and port; exit 1. */
  @Test
  void aPortInUseIsOneLineAndExitOne(@TempDir Path dir) throws Exception {
    Path corefile = Files.writeString(dir.resolve("Corefile"), "example.org {\n whoami\n}\n");
    try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(0))) {
      int port = udp.getLocalPort();
      int status = CompletableFuture.supplyAsync(() -> run("-conf", corefile.toString(), "-dns.port", "" + port))
          .get(60, TimeUnit.SECONDS);
      assertEquals(1, status);
      assertEquals("cannot listen on udp 0.0.0.0:" + port + ": Address already in use", err.toString().strip());
    }
    err.getBuffer().setLength(0);
    try (ServerSocket tcp = new ServerSocket()) {
      tcp.bind(new InetSocketAddress(0));
      int port = tcp.getLocalPort();
      int status = CompletableFuture.supplyAsync(() -> run("-conf", corefile.toString(), "-dns.port", "" + port))
          .get(60, TimeUnit.SECONDS);
      assertEquals(1, status);
      assertEquals("cannot listen on tcp 0.0.0.0:" + port + ": Address already in use", err.toString().strip());
    }
  }
}
