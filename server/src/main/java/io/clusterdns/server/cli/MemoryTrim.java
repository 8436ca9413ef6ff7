package io.clusterdns.server.cli;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Gives memory back once a burst of queries has passed. A running JVM cannot lower its maximum
 * heap, and under a flood its collector grows the heap (G1 to keep its share of time in
 * collection; the serial collector's young generation up to its bound) and threads leave freed
 * blocks in malloc's arenas; none of it is returned while the process is quiet, because the
 * collector only resizes when it collects and a quiet process does not. So, every {@link #PERIOD},
 * when the last period was quiet and the resident set has grown by more than {@link #GROWTH}
 * over its size after the last trim, one full collection shrinks the heap to its free ratios and
 * malloc is trimmed ({@link HeapPolicy#collect}). Quiet means no collection ran and the heap in
 * use grew by less than {@link #QUIET_ALLOCATION}: an allocation rate that a few hundred queries
 * a second pass (G1 grown by a flood may not collect for many seconds while the flood goes on, so
 * no collection alone does not mean quiet). The size after a trim becomes the new reference, so
 * memory that stays (full caches) does not cause a collection every period, and steady load
 * never sees one.
 *
 * <p>G1's own periodic collection ({@code G1PeriodicGCInterval}) would shrink the heap without a
 * pause but trims nothing outside it, and the serial collector (chosen on one core) has none.
 */
final class MemoryTrim {
  static final Duration PERIOD = Duration.ofSeconds(10);
  /** Growth of the resident set, over its size after the last trim, that is worth a trim. */
  static final double GROWTH = 1.10;
  /** Heap allocated in one period, at most, for it to count as quiet. */
  static final long QUIET_ALLOCATION = 4L << 20;

  private final LongSupplier collections;
  private final LongSupplier heapUsed;
  private final LongSupplier resident;
  private final Runnable trim;
  private long lastCollections;
  private long lastHeapUsed;
  private long reference;

  /**
   * @param collections collections so far, of every collector
   * @param heapUsed bytes of the heap in use, garbage included
   * @param resident the resident set in bytes, negative when it cannot be read
   * @param trim what gives memory back
   */
  MemoryTrim(LongSupplier collections, LongSupplier heapUsed, LongSupplier resident, Runnable trim) {
    this.collections = collections;
    this.heapUsed = heapUsed;
    this.resident = resident;
    this.trim = trim;
    this.lastCollections = collections.getAsLong();
    this.lastHeapUsed = heapUsed.getAsLong();
    this.reference = resident.getAsLong();
  }

  /** The trim of this process, from the JVM's collectors and {@code /proc/self/status}. */
  static MemoryTrim system() {
    List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    LongSupplier count = () -> collectors.stream().mapToLong(c -> Math.max(0, c.getCollectionCount())).sum();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    return new MemoryTrim(count, () -> memory.getHeapMemoryUsage().getUsed(), MemoryTrim::residentBytes,
        HeapPolicy::collect);
  }

  /** Checks every period on the calling thread until it is interrupted. */
  void run() {
    try {
      while (true) {
        Thread.sleep(PERIOD.toMillis());
        check();
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    }
  }

  /** One check; true when it trimmed. */
  boolean check() {
    long count = collections.getAsLong();
    long used = heapUsed.getAsLong();
    boolean quiet = count == lastCollections && used - lastHeapUsed < QUIET_ALLOCATION;
    lastCollections = count;
    lastHeapUsed = used;
    long now = resident.getAsLong();
    if (!quiet || now < 0 || reference < 0 || now <= reference * GROWTH) {
      return false;
    }
    trim.run();
    lastCollections = collections.getAsLong();
    lastHeapUsed = heapUsed.getAsLong();
    reference = resident.getAsLong();
    return true;
  }

  /** VmRSS of this process in bytes, or -1 off Linux. */
  static long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim()) * 1024;
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // Not Linux, or no /proc: nothing to compare, so never a trim.
    }
    return -1;
  }
}
