package io.clusterdns.server.cli;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
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
 * when no collection ran during the last period (the burst is over) and the resident set has
 * grown by more than {@link #GROWTH} over its size after the last trim, one full collection
 * shrinks the heap to its free ratios and malloc is trimmed ({@link HeapPolicy#collect}). The
 * size after that trim becomes the new reference, so memory that stays (full caches) does not
 * cause a collection every period, and steady load, which collects all the time, never sees one.
 *
 * <p>G1's own periodic collection ({@code G1PeriodicGCInterval}) would shrink the heap without a
 * pause but trims nothing outside it, and the serial collector (chosen on one core) has none.
 */
final class MemoryTrim {
  static final Duration PERIOD = Duration.ofSeconds(10);
  /** Growth of the resident set, over its size after the last trim, that is worth a trim. */
  static final double GROWTH = 1.10;

  private final LongSupplier collections;
  private final LongSupplier resident;
  private final Runnable trim;
  private long lastCollections;
  private long reference;

  /**
   * @param collections collections so far, of every collector
   * @param resident the resident set in bytes, negative when it cannot be read
   * @param trim what gives memory back
   */
  MemoryTrim(LongSupplier collections, LongSupplier resident, Runnable trim) {
    this.collections = collections;
    this.resident = resident;
    this.trim = trim;
    this.lastCollections = collections.getAsLong();
    this.reference = resident.getAsLong();
  }

  /** The trim of this process, from the JVM's collectors and {@code /proc/self/status}. */
  static MemoryTrim system() {
    List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    LongSupplier count = () -> collectors.stream().mapToLong(c -> Math.max(0, c.getCollectionCount())).sum();
    return new MemoryTrim(count, MemoryTrim::residentBytes, HeapPolicy::collect);
  }

  /** Checks every period on a daemon thread, for the life of the process. */
  void start() {
    Thread thread = new Thread(() -> {
      try {
        while (true) {
          Thread.sleep(PERIOD.toMillis());
          check();
        }
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
    }, "memory-trim");
    thread.setDaemon(true);
    thread.start();
  }

  /** One check; true when it trimmed. */
  boolean check() {
    long count = collections.getAsLong();
    boolean quiet = count == lastCollections;
    lastCollections = count;
    long now = resident.getAsLong();
    if (!quiet || now < 0 || reference < 0 || now <= reference * GROWTH) {
      return false;
    }
    trim.run();
    lastCollections = collections.getAsLong();
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
