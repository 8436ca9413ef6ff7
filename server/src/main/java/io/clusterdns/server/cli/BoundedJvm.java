package io.clusterdns.server.cli;

import java.io.FileInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code java -jar clusterdns.jar} without any JVM flag gets the footprint of the image's flags.
 * A JVM without flags sizes itself from the machine (G1, a heap of up to a quarter of its memory,
 * 550–995 MiB resident under a flood at 10,000 Services), and a running JVM cannot lower that
 * bound (README, "Memory budgets"). So the serving command, first thing in {@code main}, replaces
 * its own process image ({@link SelfExec}: same PID, nothing left behind) with the same command
 * line plus {@link #FLAGS} and {@link #MARKER}, and {@link #ARENAS} in its environment.
 *
 * <p>Never when the user gave a flag that sizes memory or picks a collector (on the command line
 * or in {@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS}, {@code _JAVA_OPTIONS}: the JVM's input
 * arguments hold them all), when {@code -Dclusterdns.jvm.flags=keep} says so, off Linux, for a
 * command that does not serve ({@code -version}, {@code -validate}…), or twice. Cheapest checks
 * first: the image passes its own flags, and its start must not pay for more than reading
 * {@code /proc/self/cmdline}.
 */
final class BoundedJvm {
  /**
   * The young generation, in place of the image's {@code -Xmn12m}: 8 MiB, which the serial
   * collector grows after a full collection to a quarter of the old generation and shrinks the
   * same way: the collections after the start ({@link HeapPolicy#afterStart}) bring it back to
   * about 8 MiB while the old generation holds up to about 32 MiB (10,000 Services hold 24;
   * 100,000 keep 60 MiB of young generation, 33 MiB more resident than with a fixed 8). So it
   * follows the size of the cluster, not of the machine. A fixed 8 MiB collected a large load
   * 930 times (100,000 Services from YAML); growing, about 290 times, and the first answer came
   * 0.2–0.5 s sooner (README, "Loading such a cluster from YAML"). No {@code MaxNewSize}: the JVM's
   * own, a fifth of the maximum heap, never exceeds the heap, where a fixed one made the JVM
   * warn at every start in a container of 100 MiB.
   */
  static final List<String> YOUNG = List.of("-XX:NewSize=8m", "-XX:NewRatio=4");
  /** The system property of the opt-out ({@link #KEEP}) and of the marker. */
  static final String PROPERTY = "clusterdns.jvm.flags";
  static final String KEEP = "keep";
  /** The property's value among the inserted flags, so that the restarted JVM never restarts. */
  static final String ADDED = "added";
  static final String MARKER = "-D" + PROPERTY + "=" + ADDED;
  /**
   * The image's JVM flags (the Dockerfile's ENTRYPOINT is their source; {@code BoundedJvmTest}
   * fails when the two differ but for what follows) less its class-data archive, which
   * {@code java -jar} does not have, and less {@code -Xmx80m}: the maximum heap stays the JVM's
   * default (a quarter of the memory), so that a cluster far larger than the image's budget
   * still loads (100,000 Services keep about 220 MiB of heap). What bounds the footprint is the
   * rest: the serial collector, a 16 MiB initial heap, a small young generation, the heap kept
   * 10–30% free (but while the cluster loads: {@link HeapPolicy#whileLoading}) and brought back
   * there by one full collection ({@link HeapPolicy#collect}), one C1 and one C2
   * compiler thread, malloc trimmed every second. The young generation is {@link #YOUNG}, not the
   * image's fixed 12 MiB: with 12 the built-in example peaked at 94–104 MiB under a flood, with a
   * fixed 8 at 90–99, with {@link #YOUNG} at 88–90 (README, "Memory budgets").
   */
  static final List<String> FLAGS = List.of(
      "-XX:CompileThresholdScaling=5",
      "-XX:+UseSerialGC", "-Xms16m", YOUNG.get(0), YOUNG.get(1),
      "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:-ShrinkHeapInSteps",
      "-Xss512k", "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=64m", "-XX:CICompilerCount=2",
      "-XX:TrimNativeHeapInterval=1000", "-XX:-UsePerfData",
      "-XX:+ExitOnOutOfMemoryError");
  /** The image's environment: two malloc arenas instead of up to eight per core. */
  static final String ARENAS = "MALLOC_ARENA_MAX=2";

  /** The commands that do not serve, which picocli parses: none of them is worth a restart. */
  private static final Set<String> NOT_SERVING =
      Set.of("-version", "-plugins", "-validate", "explain", "-h", "-help", "--help");
  /**
   * The {@code -XX:NAME=VALUE} options that size memory, or read options from a file (whose
   * contents the input arguments may not show); and {@code -XX:±Use*GC}, {@code -Xmx}, {@code -Xms},
   * {@code -Xmn}, {@code -Xss}, {@code *RAMPercentage}, {@code *RAMFraction} ({@link #sizes}).
   * No regular expression nor stream here: the image's start reads its options through this,
   * and those would make lambda classes of the JDK's own that no class-data archive holds.
   */
  private static final Set<String> SIZING = Set.of(
      "MaxRAM", "MaxHeapSize", "InitialHeapSize", "MinHeapSize", "NewSize", "MaxNewSize", "NewRatio",
      "OldSize", "MinHeapFreeRatio", "MaxHeapFreeRatio", "ThreadStackSize", "MetaspaceSize",
      "MaxMetaspaceSize", "ReservedCodeCacheSize", "CICompilerCount", "TrimNativeHeapInterval",
      "Flags", "VMOptionsFile");

  private BoundedJvm() {}

  /**
   * Restarts this process with the flags when it should; returns only when it did not (nothing
   * to do, or the restart failed: then one line on {@code System.err} says so).
   */
  static void restartIfDefaulted(String[] args) {
    String why = skip(args, System.getProperty(PROPERTY), System.getProperty("os.name"),
        System.getProperty("sun.java.command"), System.getProperty("java.class.path"));
    if (why != null) {
      if (!why.isEmpty()) {
        System.err.println(why);
      }
      return;
    }
    List<byte[]> argv;
    try {
      argv = split(read("/proc/self/cmdline"));
    } catch (IOException e) {
      System.err.println(failed("/proc/self/cmdline: " + e.getMessage()));
      return;
    }
    for (byte[] word : argv) {
      if (sizes(new String(word, StandardCharsets.UTF_8))) {
        return;
      }
    }
    // Only the command line is read above, which is all the image's start needs; the input
    // arguments also hold JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS, _JAVA_OPTIONS and @argument files.
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (sizes(option)) {
        return;
      }
    }
    List<byte[]> environment;
    try {
      environment = withArenas(split(read("/proc/self/environ")));
    } catch (IOException e) {
      System.err.println(failed("/proc/self/environ: " + e.getMessage()));
      return;
    }
    System.out.flush();
    System.err.flush();
    String error = SelfExec.exec(withFlags(argv), environment);
    System.err.println(failed(error));
  }

  /**
   * Why not to restart, from what costs nothing to read: null to go on, an empty string to stay
   * silently, or the line to print (a value of the property this does not know). {@code command}
   * is what the {@code java} launcher started ({@code sun.java.command}: the jar or the main
   * class, then the arguments): only then is {@code /proc/self/cmdline} a command line that runs
   * this server again, not that of a program that calls {@code main} itself (a build tool's
   * {@code exec:java}, an IDE's runner).
   */
  static String skip(String[] args, String property, String osName, String command, String classPath) {
    for (String arg : args) {
      if (NOT_SERVING.contains(arg)) {
        return "";
      }
    }
    if (property != null) {
      return property.equals(KEEP) || property.equals(ADDED) ? ""
          : "-D" + PROPERTY + "=" + property + ": expected " + KEEP + "; the JVM keeps the flags it was given";
    }
    return "Linux".equals(osName) && (launched(command, Main.class.getName()) || launched(command, classPath))
        ? null : "";
  }

  private static boolean launched(String command, String program) {
    return command != null && program != null && !program.isEmpty()
        && (command.equals(program) || command.startsWith(program + " "));
  }

  /** Whether a JVM option sizes memory or picks a collector. */
  static boolean sizes(String option) {
    if (option.startsWith("-Xmx") || option.startsWith("-Xms") || option.startsWith("-Xmn")
        || option.startsWith("-Xss")) {
      return true;
    }
    if (!option.startsWith("-XX:") || option.length() < 6) {
      return false;
    }
    char sign = option.charAt(4);
    if (sign == '+' || sign == '-') {
      return option.startsWith("Use", 5) && option.endsWith("GC");
    }
    int equals = option.indexOf('=');
    if (equals < 0) {
      return false;
    }
    String name = option.substring(4, equals);
    return SIZING.contains(name) || name.endsWith("RAMPercentage") || name.endsWith("RAMFraction");
  }

  /** The command line with {@link #FLAGS} and {@link #MARKER} right after the program. */
  static List<byte[]> withFlags(List<byte[]> argv) {
    List<byte[]> out = new ArrayList<>(argv.size() + FLAGS.size() + 1);
    out.add(argv.get(0));
    for (String flag : FLAGS) {
      out.add(flag.getBytes(StandardCharsets.UTF_8));
    }
    out.add(MARKER.getBytes(StandardCharsets.UTF_8));
    out.addAll(argv.subList(1, argv.size()));
    return out;
  }

  /** The environment with {@link #ARENAS}, unless it sets {@code MALLOC_ARENA_MAX} itself. */
  static List<byte[]> withArenas(List<byte[]> environment) {
    byte[] name = ARENAS.substring(0, ARENAS.indexOf('=') + 1).getBytes(StandardCharsets.UTF_8);
    for (byte[] variable : environment) {
      if (startsWith(variable, name)) {
        return environment;
      }
    }
    List<byte[]> out = new ArrayList<>(environment);
    out.add(ARENAS.getBytes(StandardCharsets.UTF_8));
    return out;
  }

  /** The NUL-terminated strings of a {@code /proc} file, as bytes: Linux passes them as such. */
  static List<byte[]> split(byte[] nulTerminated) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < nulTerminated.length; i++) {
      if (nulTerminated[i] == 0) {
        byte[] word = new byte[i - start];
        System.arraycopy(nulTerminated, start, word, 0, word.length);
        out.add(word);
        start = i + 1;
      }
    }
    return out;
  }

  /**
   * A file read with {@code java.io}: NIO's first file channel would open a socket pair of its
   * own (the JDK's pre-close descriptor) that the new image would inherit.
   */
  private static byte[] read(String file) throws IOException {
    try (FileInputStream in = new FileInputStream(file)) {
      return in.readAllBytes();
    }
  }

  /** The one line said when the restart failed: what happened, and what it means. */
  static String failed(String reason) {
    return "could not restart the JVM with the flags of a bounded footprint (" + reason + "): it runs"
        + " with its own sizing, a heap of up to a quarter of this machine's memory; give JVM flags"
        + " (README, \"Memory budgets\") or -D" + PROPERTY + "=" + KEEP + " to start without trying";
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
