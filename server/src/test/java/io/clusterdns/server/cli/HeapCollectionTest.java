package io.clusterdns.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The collection after a large load ({@link HeapPolicy#collect}) gives the heap back in one
 * full collection under the flags of {@code java -jar}'s restart ({@link BoundedJvm#FLAGS}),
 * which the image's entrypoint shares. Each full collection stops every thread answering
 * queries for as long as it takes to compact what is live, about 0.45 s with 100,000 Services;
 * shrinking in the serial collector's steps took four of them in a row. Runs in a JVM of its
 * own, started with those flags: a heap that held 160 MiB and keeps 40 MiB.
 */
class HeapCollectionTest {
  private static final int MIB = 1 << 20;
  private static final int HELD_MIB = 160;
  private static final int KEPT_MIB = 40;

  @Test
  void oneFullCollectionShrinksTheHeapToItsFreeRatio() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(BoundedJvm.FLAGS);
    // The maximum heap of a machine with 2 GiB, whatever this one has: 512 MiB.
    command.addAll(List.of("-XX:MaxRAM=2g", "-cp", System.getProperty("java.class.path"),
        HeapCollectionTest.class.getName()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
    assertEquals(0, process.exitValue(), output);
    String[] fields = output.substring(output.lastIndexOf('\n') + 1).split(" ");
    long fullCollections = Long.parseLong(fields[0]);
    long usedMib = Long.parseLong(fields[1]);
    long committedMib = Long.parseLong(fields[2]);
    assertEquals(1, fullCollections, "full collections by HeapPolicy.collect: " + output);
    assertTrue(usedMib >= KEPT_MIB && usedMib < KEPT_MIB + 8, "old generation in use: " + output);
    // At most 30% free (MaxHeapFreeRatio), and 2 MiB for the collector's rounding and the MiB
    // cut off here; unshrunk, it would keep what held 160 MiB.
    assertTrue(committedMib <= usedMib * 10 / 7 + 2, "old generation kept: " + output);
  }

  /**
   * In the JVM of its own: fills the old generation with {@link #HELD_MIB}, drops all but {@link
   * #KEPT_MIB}, collects as the server does after its start, and prints the full collections that
   * took, then the old generation's MiB in use and committed.
   */
  public static void main(String[] args) {
    List<byte[]> held = new ArrayList<>();
    for (int i = 0; i < HELD_MIB; i++) {
      held.add(new byte[MIB]);
    }
    System.gc();
    List<byte[]> kept = new ArrayList<>(held.subList(0, KEPT_MIB));
    held = null;
    GarbageCollectorMXBean full = ManagementFactory.getGarbageCollectorMXBeans().stream()
        .filter(collector -> collector.getName().equals("MarkSweepCompact")).findFirst().orElseThrow();
    MemoryPoolMXBean old = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getName().equals("Tenured Gen")).findFirst().orElseThrow();
    long before = full.getCollectionCount();
    HeapPolicy.collect();
    MemoryUsage after = old.getUsage();
    System.out.println((full.getCollectionCount() - before) + " " + after.getUsed() / MIB + " "
        + after.getCommitted() / MIB + " " + kept.size());
  }
}
