package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.CorefileException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** The embedded API: ephemeral ports, several servers per JVM, files, errors, and close(). */
class EmbeddedServerTest {
  private static final String COREFILE = "example.org {\n hosts {\n  192.0.2.7 www.example.org\n }\n}\n";

  @Test
  void twoServersRunSideBySideOnEphemeralLoopbackPorts() throws Exception {
    try (ClusterDns one = ClusterDns.builder().corefile(COREFILE).start();
        ClusterDns two = ClusterDns.builder().corefile(COREFILE).start()) {
      assertNotEquals(one.udpAddress().getPort(), two.udpAddress().getPort());
      assertTrue(one.udpAddress().getAddress().isLoopbackAddress());
      for (ClusterDns server : new ClusterDns[] {one, two}) {
        assertEquals(Rcode.NOERROR,
            DnsProbe.udp(server.udpAddress(), DnsProbe.query("www.example.org.", Type.A)).getRcode());
      }
    }
  }

  @Test
  void closeReleasesBothPorts() throws Exception {
    InetSocketAddress udp;
    InetSocketAddress tcp;
    try (ClusterDns server = ClusterDns.builder().corefile(COREFILE).start()) {
      udp = server.udpAddress();
      tcp = server.tcpAddress();
    }
    assertThrows(ConnectException.class, () -> new Socket(tcp.getAddress(), tcp.getPort()).close());
    try (DatagramSocket rebound = new DatagramSocket(udp)) {
      assertEquals(udp.getPort(), rebound.getLocalPort());
    }
  }

  @Test
  void corefileFromFileResolvesRelativePathsBesideIt(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("hosts.txt"), "192.0.2.8 file.example.org\n");
    Path corefile = dir.resolve("Corefile");
    Files.writeString(corefile, "example.org {\n hosts hosts.txt\n}\n");
    try (ClusterDns server = ClusterDns.builder().corefile(corefile).start()) {
      assertEquals(Rcode.NOERROR,
          DnsProbe.udp(server.udpAddress(), DnsProbe.query("file.example.org.", Type.A)).getRcode());
    }
  }

  @Test
  void unknownDirectiveNamesTheClosestKnownPlugin() {
    CorefileProblems problems = assertThrows(CorefileProblems.class,
        () -> ClusterDns.builder().corefile("example.org {\n  hostz\n}\n").start());
    String message = problems.getMessage();
    assertTrue(message.startsWith("Corefile:2:3:"), message);
    assertTrue(message.contains("unknown directive 'hostz'") && message.contains("did you mean 'hosts'"), message);
  }

  @Test
  void pluginUsedTwiceInABlockIsAnError() {
    CorefileProblems problems = assertThrows(CorefileProblems.class,
        () -> ClusterDns.builder().corefile("example.org {\n whoami\n whoami\n}\n").start());
    assertTrue(problems.getMessage().contains("Corefile:3:2: plugin whoami can only be used once per server block"),
        problems.getMessage());
  }

  @Test
  void everyProblemIsReportedNotOnlyTheFirst() {
    CorefileProblems problems = assertThrows(CorefileProblems.class,
        () -> ClusterDns.builder().corefile("a.test {\n nosuch\n}\nb.test {\n alsonot\n}\n").start());
    assertEquals(2, problems.problems().size());
  }

  @Test
  void syntaxErrorIsACorefileException() {
    assertThrows(CorefileException.class, () -> ClusterDns.builder().corefile("example.org {\n whoami\n").start());
  }

  @Test
  void portInUseFailsStartAndLeavesNothingRunning() throws Exception {
    try (ClusterDns first = ClusterDns.builder().corefile(COREFILE).start()) {
      int port = first.udpAddress().getPort();
      assertThrows(IOException.class,
          () -> ClusterDns.builder().corefile(COREFILE).defaultPort(port).start());
      assertEquals(Rcode.NOERROR,
          DnsProbe.udp(first.udpAddress(), DnsProbe.query("www.example.org.", Type.A)).getRcode());
    }
  }
}
