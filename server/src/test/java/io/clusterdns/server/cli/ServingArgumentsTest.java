package io.clusterdns.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The server's arguments read without picocli: the same options as picocli reads, or none. */
class ServingArgumentsTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private Main direct(String... args) {
    return Main.serving(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  /** conf, port and udpThreads as picocli sets them from {@code args}. */
  private static List<Object> picocli(String... args) {
    Main main = new Main(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    new CommandLine(main).parseArgs(args);
    return options(main);
  }

  private static List<Object> options(Main main) {
    List<Object> values = new ArrayList<>();
    for (String name : new String[] {"conf", "port", "udpThreads", "validate", "plugins", "version", "help"}) {
      try {
        Field field = Main.class.getDeclaredField(name);
        field.setAccessible(true);
        values.add(field.get(main));
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    return values;
  }

  @Test
  void theWaysAServerIsStartedSkipPicocliAndMeanTheSame() {
    String[][] serving = {
      {},
      {"-conf", "/etc/coredns/Corefile"},
      {"-dns.port", "19053"},
      {"-conf", "Corefile", "-dns.port", "0"},
      {"-dns.udp_threads", "16", "-conf", "c", "-dns.port", "053"},
      {"-conf", "dir with spaces/Corefile"},
    };
    for (String[] args : serving) {
      Main main = direct(args);
      assertNotNull(main, Arrays.toString(args));
      assertEquals(picocli(args), options(main), Arrays.toString(args));
    }
  }

  @Test
  void everythingElseGoesToPicocli() {
    String[][] others = {
      {"-validate"},
      {"-conf", "c", "-validate"},
      {"-version"},
      {"-plugins"},
      {"--help"},
      {"-conf"},
      {"-conf=Corefile"},
      {"-conf", "a", "-conf", "b"},
      {"-conf", "-dns.port"},
      {"-conf", ""},
      {"@arguments"},
      {"-conf", "@arguments"},
      {"-conf", "nul\0in a path"},
      {"-dns.port", "+53"},
      {"-dns.port", "-1"},
      {"-dns.port", "x"},
      {"-dns.port", "9999999999"},
      {"-dns.port", "1", "-dns.port", "2"},
      {"--", "-conf"},
      {"-nosuchflag", "x"},
      {"explain", "x"},
    };
    for (String[] args : others) {
      assertNull(direct(args), Arrays.toString(args));
    }
  }

  /** Random argument lists: whatever the direct reading accepts, picocli reads alike. */
  @Test
  void generatedArgumentListsReadAlikeWhereAccepted() {
    long seed = System.nanoTime();
    System.out.println("ServingArgumentsTest seed " + seed);
    Random random = new Random(seed);
    String[] pool = {
      "-conf", "-dns.port", "-dns.udp_threads", "-validate", "-version", "53", "010", "+5", "-1",
      "Corefile", "@f", "", "-conf=x", "99999999999", "explain", "--", "0", "2147483647"
    };
    int accepted = 0;
    for (int i = 0; i < 3000; i++) {
      String[] args = new String[random.nextInt(7)];
      for (int j = 0; j < args.length; j++) {
        args[j] = pool[random.nextInt(pool.length)];
      }
      Main main = direct(args);
      if (main != null) {
        accepted++;
        assertEquals(picocli(args), options(main), "seed " + seed + ": " + Arrays.toString(args));
      }
    }
    System.out.println("ServingArgumentsTest: " + accepted + " of 3000 read without picocli");
  }

  @Test
  void aMissingCorefileFailsOnTheDirectPath(@TempDir Path dir) {
    String[] args = {"-conf", dir.resolve("missing").toString()};
    assertNotNull(direct(args));
    assertEquals(1, Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true)));
    assertEquals("cannot read Corefile " + dir.resolve("missing"), err.toString().strip());
  }

  @Test
  void aPortInUseIsOneLineOnTheDirectPath(@TempDir Path dir) throws Exception {
    Path corefile = Files.writeString(dir.resolve("Corefile"), "example.org {\n whoami\n}\n");
    try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(0))) {
      int port = udp.getLocalPort();
      String[] args = {"-conf", corefile.toString(), "-dns.port", "" + port};
      assertNotNull(direct(args));
      int status = CompletableFuture.supplyAsync(
              () -> Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true)))
          .get(60, TimeUnit.SECONDS);
      assertEquals(1, status);
      assertEquals("cannot listen on udp 0.0.0.0:" + port + ": Address already in use", err.toString().strip());
    }
  }
}
