package io.clusterdns.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** When the command line restarts its JVM, and with which command line and environment. */
class BoundedJvmTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      // args | -Dclusterdns.jvm.flags | os.name | what happens (restart, quiet: stays, or the line)
      "''                        | null  | Linux    | restart",
      "-conf Corefile            | null  | Linux    | restart",
      "-conf C -dns.port 53      | null  | Linux    | restart",
      "-conf=Corefile            | null  | Linux    | restart",
      "-version                  | null  | Linux    | quiet",
      "-plugins                  | null  | Linux    | quiet",
      "-conf Corefile -validate  | null  | Linux    | quiet",
      "explain                   | null  | Linux    | quiet",
      "-h                        | null  | Linux    | quiet",
      "-help                     | null  | Linux    | quiet",
      "--help                    | null  | Linux    | quiet",
      "-conf Corefile            | keep  | Linux    | quiet",
      "-conf Corefile            | added | Linux    | quiet",
      "-conf Corefile            | no    | Linux    | -Dclusterdns.jvm.flags=no: expected keep; the JVM keeps the flags it was given",
      "-conf Corefile            | null  | Mac OS X | quiet",
      "-conf Corefile            | null  | FreeBSD  | quiet",
  })
  void restartsOnlyTheServingCommandOnLinuxOnce(String args, String property, String os, String expected) {
    String[] argv = args.isEmpty() ? new String[0] : args.split(" ");
    String why = BoundedJvm.skip(argv, property, os, "clusterdns.jar " + args, "clusterdns.jar");
    assertEquals(expected, why == null ? "restart" : why.isEmpty() ? "quiet" : why, args);
  }

  /** sun.java.command and java.class.path as the java launcher sets them, or another program. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "/opt/clusterdns.jar -conf Corefile          | /opt/clusterdns.jar          | restart",
      "/opt/clusterdns.jar                         | /opt/clusterdns.jar          | restart",
      "io.clusterdns.server.cli.Main -conf C       | a.jar:b.jar                  | restart",
      "io.clusterdns.server.cli.Main               | a.jar                        | restart",
      "org.codehaus.plexus.classworlds.launcher.Launcher exec:java | /usr/share/maven/boot/x.jar | quiet",
      "/opt/clusterdns.jar.bak -conf C             | /opt/clusterdns.jar          | quiet",
      "io.clusterdns.server.cli.MainTest           | a.jar                        | quiet",
      "null                                        | /opt/clusterdns.jar          | quiet",
      "/opt/clusterdns.jar                         | ''                           | quiet",
  })
  void restartsOnlyWhatTheJavaLauncherStarted(String command, String classPath, String expected) {
    String why = BoundedJvm.skip(new String[0], null, "Linux", command, classPath);
    assertEquals(expected, why == null ? "restart" : why.isEmpty() ? "quiet" : why, command);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "-Xmx200m|true", "-Xms64m|true", "-Xmn8m|true", "-Xss1m|true",
      "-XX:MaxRAM=1g|true", "-XX:MaxRAMPercentage=50|true", "-XX:InitialRAMPercentage=5|true",
      "-XX:MinRAMPercentage=50|true", "-XX:MaxRAMFraction=4|true",
      "-XX:+UseG1GC|true", "-XX:+UseSerialGC|true", "-XX:+UseParallelGC|true", "-XX:+UseZGC|true",
      "-XX:-UseG1GC|true", "-XX:+UseShenandoahGC|true", "-XX:+UseEpsilonGC|true", "-XX:+UseParallelOldGC|true",
      "-XX:+UseGCOverheadLimit|false", "-XX:|false", "-XX:+|false", "-Xshare:off|false",
      "-XX:MaxHeapSize=100m|true", "-XX:InitialHeapSize=10m|true", "-XX:NewSize=4m|true",
      "-XX:MaxNewSize=4m|true", "-XX:NewRatio=2|true", "-XX:MaxHeapFreeRatio=20|true",
      "-XX:ThreadStackSize=256|true", "-XX:MaxMetaspaceSize=64m|true", "-XX:ReservedCodeCacheSize=32m|true",
      "-XX:VMOptionsFile=jvm.options|true", "-XX:Flags=.hotspotrc|true",
      "-Dclusterdns.jvm.flags=keep|false", "-Dx=-Xmx1g|false", "-ea|false", "-Xshare:auto|false",
      "-Xlog:gc|false", "-XX:+UseCompressedOops|false", "-XX:+UseNUMA|false", "-XX:+AlwaysPreTouch|false",
      "-XX:NativeMemoryTracking=summary|false", "-javaagent:a.jar|false", "-jar|false",
      "-conf|false", "/work/clusterdns.jar|false", "java|false",
  })
  void flagsThatSizeMemoryOrPickACollector(String option, boolean sizes) {
    assertEquals(sizes, BoundedJvm.sizes(option), option);
  }

  @Test
  void theFlagsGoRightAfterTheProgramAndTheRestIsUnchanged() {
    List<byte[]> argv = bytes("/usr/bin/java", "-Dfoo=ä b", "-jar", "clusterdns.jar", "-conf", "Corefile");
    List<String> expected = new ArrayList<>(List.of("/usr/bin/java"));
    expected.addAll(BoundedJvm.FLAGS);
    expected.add("-Dclusterdns.jvm.flags=added");
    expected.addAll(List.of("-Dfoo=ä b", "-jar", "clusterdns.jar", "-conf", "Corefile"));
    assertEquals(expected, strings(BoundedJvm.withFlags(argv)));
    List<String> classPath = strings(BoundedJvm.withFlags(bytes("java", "-cp", "c.jar", "Main")));
    assertEquals(List.of("java", "-cp", "c.jar", "Main"),
        List.of(classPath.get(0), classPath.get(classPath.size() - 3), classPath.get(classPath.size() - 2),
            classPath.get(classPath.size() - 1)));
    assertEquals(4 + BoundedJvm.FLAGS.size() + 1, classPath.size());
  }

  @Test
  void theArenasAreAddedUnlessTheEnvironmentSetsThem() {
    assertEquals(List.of("HOME=/root", "PATH=/bin", "MALLOC_ARENA_MAX=2"),
        strings(BoundedJvm.withArenas(bytes("HOME=/root", "PATH=/bin"))));
    assertEquals(List.of("MALLOC_ARENA_MAX=8", "PATH=/bin"),
        strings(BoundedJvm.withArenas(bytes("MALLOC_ARENA_MAX=8", "PATH=/bin"))));
    assertEquals(List.of("MALLOC_ARENA=x", "MALLOC_ARENA_MAX=2"),
        strings(BoundedJvm.withArenas(bytes("MALLOC_ARENA=x"))));
  }

  /** As /proc gives them: each string NUL-terminated, bytes kept as they are (not UTF-8 here). */
  @Test
  void procStringsSplitAtEachNul() {
    byte[] raw = {'j', 'a', 'v', 'a', 0, 0, (byte) 0xff, '-', 'X', 0};
    List<byte[]> split = BoundedJvm.split(raw);
    assertEquals(3, split.size());
    assertEquals("java", new String(split.get(0), StandardCharsets.UTF_8));
    assertEquals(0, split.get(1).length);
    assertEquals(List.of((byte) 0xff, (byte) '-', (byte) 'X'),
        List.of(split.get(2)[0], split.get(2)[1], split.get(2)[2]));
  }

  /**
   * The Dockerfile's ENTRYPOINT is the source of the flags: the restart uses the same, less the
   * image's class-data archive and its maximum heap, with a young generation of its own; and the
   * same malloc arenas as its ENV.
   */
  @Test
  void theFlagsAreTheImagesLessItsArchiveAndMaximumHeap() throws IOException {
    String dockerfile = Files.readString(Path.of("..", "Dockerfile"));
    Matcher entrypoint = Pattern.compile("(?s)ENTRYPOINT \\[(.*?)\\]").matcher(dockerfile);
    assertTrue(entrypoint.find(), "no ENTRYPOINT in the Dockerfile");
    List<String> image = new ArrayList<>();
    Matcher word = Pattern.compile("\"([^\"]*)\"").matcher(entrypoint.group(1));
    while (word.find()) {
      if (word.group(1).startsWith("-X")) {
        image.add(word.group(1));
      }
    }
    List<String> expected = new ArrayList<>(image);
    expected.removeIf(flag -> flag.startsWith("-XX:SharedArchiveFile=") || flag.startsWith("-Xmx"));
    assertEquals(image.size() - 2, expected.size(), "the image's archive and -Xmx: " + image);
    assertTrue(expected.contains("-Xmn12m"), "the image's young generation: " + image);
    int young = expected.indexOf("-Xmn12m");
    expected.remove(young);
    expected.addAll(young, BoundedJvm.YOUNG);
    assertEquals(expected, BoundedJvm.FLAGS);
    assertTrue(dockerfile.contains("\nENV " + BoundedJvm.ARENAS + "\n"), "the image's ENV " + BoundedJvm.ARENAS);
  }

  /**
   * The flags go to JVMs of any memory (a container's limit sets the default maximum heap): none
   * of them may make the JVM warn, as it does when it has to resize what a flag asked for. A
   * fixed 64 MiB maximum young generation did, with 100 MiB.
   */
  @ParameterizedTest
  @ValueSource(strings = {"48m", "100m", "170m", "1g", "24g"})
  void theFlagsFitTheHeapOfAnyMemory(String memory) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(BoundedJvm.FLAGS);
    command.add("-XX:MaxRAM=" + memory);
    command.add("-version");
    Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, java.waitFor(), output);
    assertFalse(output.toLowerCase().contains("warning"), memory + ": " + output);
  }

  private static List<byte[]> bytes(String... values) {
    return Arrays.stream(values).map(value -> value.getBytes(StandardCharsets.UTF_8)).toList();
  }

  private static List<String> strings(List<byte[]> values) {
    return values.stream().map(value -> new String(value, StandardCharsets.UTF_8)).toList();
  }
}
