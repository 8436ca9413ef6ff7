package io.clusterdns.server.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar} without JVM flags restarts its own process with the flags of a bounded
 * footprint, seen from outside as its starter sees it: the same PID answers DNS with the flags
 * on its command line and the malloc arenas in its environment, and SIGTERM still ends it with
 * 0. A user's flag, the opt-out, and a JNA that cannot load leave the JVM as it was started.
 */
class BoundedJvmIT {
  /** Inserted right after the program by the restart (BoundedJvm.FLAGS, then its marker). */
  private static final List<String> INSERTED = List.of(
      "-XX:CompileThresholdScaling=5",
      "-XX:+UseSerialGC", "-Xms16m", "-XX:NewSize=8m", "-XX:NewRatio=4",
      "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:-ShrinkHeapInSteps",
      "-Xss512k", "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=64m", "-XX:CICompilerCount=2",
      "-XX:TrimNativeHeapInterval=1000", "-XX:-UsePerfData",
      "-XX:+ExitOnOutOfMemoryError", "-Dclusterdns.jvm.flags=added");
  private static final String PROBE = "nginx-service.default.svc.cluster.local.";
  private static final String FAILED = "could not restart the JVM";

  @TempDir Path dir;

  @Test
  void withoutFlagsTheSameProcessRunsWithTheBoundedFlags() throws Exception {
    try (JarProcess server = JarProcess.start(dir, List.of(), Map.of(), PROBE)) {
      List<String> command = cmdline(server.pid());
      assertEquals(INSERTED, command.subList(1, 1 + INSERTED.size()), "flags right after the program");
      assertEquals(List.of("-jar", JarProcess.JAR.toAbsolutePath().toString()),
          command.subList(1 + INSERTED.size(), 3 + INSERTED.size()), "then the command as it was typed");
      assertTrue(environment(server.pid()).contains("MALLOC_ARENA_MAX=2"));
      // What the first JVM opened for itself was closed by the exec: the jar is open once.
      assertEquals(1, descriptorsOf(server.pid(), JarProcess.JAR.toRealPath()), "descriptors of the jar");
      assertFalse(Files.exists(Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"),
          Long.toString(server.pid()))), "the first JVM's performance-data file is left behind");
      assertFalse(server.output().contains(FAILED), server.output());
      // The load ran with loose free ratios (HeapPolicy.whileLoading), which the server then put
      // back: the flags' values, set at run time rather than from the command line.
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(
          () -> freeRatios(server.pid()),
          ratios -> ratios.equals(List.of("MaxHeapFreeRatio = 30 {management}", "MinHeapFreeRatio = 10 {management}")));
      server.terminate();
      assertEquals(0, server.exitStatus(Duration.ofSeconds(20)), server.output());
    }
  }

  /** The free ratios and where their values came from, as {@code jcmd PID VM.flags -all} says. */
  private static List<String> freeRatios(long pid) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(pid), "VM.flags", "-all").redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    jcmd.waitFor();
    return out.lines().map(String::trim).filter(line -> line.contains("HeapFreeRatio"))
        .map(line -> line.replaceAll("^uintx\\s+|\\{manageable\\}\\s+", "").replaceAll("\\s+", " "))
        .sorted().toList();
  }

  @Test
  void aMemoryFlagOfTheUsersIsKept() throws Exception {
    try (JarProcess server = JarProcess.start(dir, List.of("-Xmx200m"), Map.of(), PROBE)) {
      assertNotRestarted(server);
    }
  }

  /** Seen only in the JVM's input arguments, not on the command line. */
  @Test
  void aCollectorFlagFromTheEnvironmentIsKept() throws Exception {
    try (JarProcess server = JarProcess.start(dir, List.of(), Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseParallelGC"),
        PROBE)) {
      assertNotRestarted(server);
    }
  }

  @Test
  void theOptOutKeepsTheJvmAsStarted() throws Exception {
    try (JarProcess server = JarProcess.start(dir, List.of("-Dclusterdns.jvm.flags=keep"), Map.of(), PROBE)) {
      assertNotRestarted(server);
      assertFalse(server.output().contains(FAILED), server.output());
    }
  }

  /** JNA without its native part (as with no writable directory to unpack it to): one line. */
  @Test
  void aJnaThatCannotLoadLeavesOneLineAndTheServerRuns() throws Exception {
    try (JarProcess server = JarProcess.start(dir, List.of("-Djna.nounpack=true"), Map.of(), PROBE)) {
      assertNotRestarted(server);
      String output = server.output();
      assertEquals(1, output.lines().filter(line -> line.contains(FAILED)).count(), output);
      assertFalse(output.contains("\tat "), "no stack trace: " + output);
      server.terminate();
      assertEquals(0, server.exitStatus(Duration.ofSeconds(20)), output);
    }
  }

  private static void assertNotRestarted(JarProcess server) throws IOException {
    List<String> command = cmdline(server.pid());
    assertFalse(command.contains("-Dclusterdns.jvm.flags=added"), command.toString());
    assertFalse(command.contains("-XX:+UseSerialGC"), command.toString());
  }

  private static List<String> cmdline(long pid) throws IOException {
    return strings(Path.of("/proc", Long.toString(pid), "cmdline"));
  }

  private static List<String> environment(long pid) throws IOException {
    return strings(Path.of("/proc", Long.toString(pid), "environ"));
  }

  private static List<String> strings(Path file) throws IOException {
    return List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\0"));
  }

  private static long descriptorsOf(long pid, Path file) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return fds.filter(fd -> {
        try {
          return fd.toRealPath().equals(file);
        } catch (IOException closed) {
          return false;
        }
      }).count();
    }
  }
}
