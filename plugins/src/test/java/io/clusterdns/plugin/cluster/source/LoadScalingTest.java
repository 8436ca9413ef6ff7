package io.clusterdns.plugin.cluster.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import io.clusterdns.plugin.cluster.ClusterSnapshot;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading manifests costs in proportion to what they hold: reading, converting, storing and
 * building the first snapshot of four times the objects allocates about four times the bytes.
 * Bytes allocated by the loading thread count the work (every copy of a growing list, every
 * rehash, every tree) without timing anything; a step whose cost grows with the square of the
 * objects shows here as a ratio well above four. Everything runs on the test's thread.
 */
class LoadScalingTest {
  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
  /** Four times the objects may cost this much more than four times the bytes, or less. */
  private static final double SLACK = 0.15;
  /** One reader for all loads, as a source has: a new one would rebuild Jackson's caches. */
  private static final ManifestReader READER = new ManifestReader(Runnable::run, 1, ManifestChunks.CHUNK_CHARS);

  @TempDir Path dir;

  @Test
  void manyServicesWithEndpoints() throws Exception {
    int services = 200;
    Path small = Files.writeString(dir.resolve("small.yaml"), GeneratedManifests.cluster(services, 8));
    Path large = Files.writeString(dir.resolve("large.yaml"), GeneratedManifests.cluster(4 * services, 8));
    assertLinear(small, large, 4 * services);
  }

  @Test
  void oneServiceWithManyEndpoints() throws Exception {
    int endpoints = 2000;
    Path small = Files.writeString(dir.resolve("small.yaml"), GeneratedManifests.headless(endpoints));
    Path large = Files.writeString(dir.resolve("large.yaml"), GeneratedManifests.headless(4 * endpoints));
    assertLinear(small, large, 1);
    assertEquals(4 * endpoints, load(large).service("default", "big").endpoints().size());
  }

  private void assertLinear(Path small, Path large, int largeServices) throws Exception {
    Path none = Files.writeString(dir.resolve("none.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n");
    // The first loads compile the code and fill Jackson's caches; only later ones are counted.
    load(large);
    load(small);
    load(none);
    // What any load costs, objects or not (the empty shards of the view's indexes), is not theirs.
    long fixedBytes = allocatedBy(none);
    long smallBytes = allocatedBy(small) - fixedBytes;
    long largeBytes = allocatedBy(large) - fixedBytes;
    double ratio = (double) largeBytes / smallBytes;
    System.out.printf("LoadScalingTest, %d Services when four times: %,d bytes, then %,d bytes (%,d fixed), ratio %.2f%n",
        largeServices, smallBytes, largeBytes, fixedBytes, ratio);
    assertEquals(largeServices, load(large).services().size());
    assertTrue(ratio > 4 * (1 - SLACK) && ratio < 4 * (1 + SLACK),
        "four times the objects allocate " + ratio + " times the bytes");
  }

  private static long allocatedBy(Path file) throws Exception {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    load(file);
    return THREADS.getCurrentThreadAllocatedBytes() - before;
  }

  private static ClusterSnapshot load(Path file) throws Exception {
    ClusterObjects objects = READER.read(file, ManifestConversion.collector(file, false));
    ClusterStore store = new ClusterStore(ClusterStore.NamespaceRule.IMPLIED, Clock.systemUTC(), () -> { });
    store.replaceAll(objects);
    return store.snapshot(true);
  }
}
