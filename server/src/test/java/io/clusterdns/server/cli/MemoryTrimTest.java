package io.clusterdns.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When the trim after a burst runs: only when quiet, only after growth, once per burst. */
class MemoryTrimTest {
  private static final long MIB = 1 << 20;

  private final AtomicLong collections = new AtomicLong();
  private final AtomicLong heapUsed = new AtomicLong(40 * MIB);
  private final AtomicLong resident = new AtomicLong(100 * MIB);
  private final AtomicInteger trims = new AtomicInteger();
  /** The trim collects once and brings the heap in use to 40 MiB and the resident set to 104 MiB. */
  private final MemoryTrim trim = new MemoryTrim(collections::get, heapUsed::get, resident::get, () -> {
    trims.incrementAndGet();
    collections.incrementAndGet();
    heapUsed.set(40 * MIB);
    resident.set(104 * MIB);
  });

  @Test
  void aBurstThatGrewMemoryIsTrimmedOnceItIsOver() {
    collections.addAndGet(50);
    resident.set(250 * MIB);
    assertFalse(trim.check(), "collections ran during the period: the burst goes on");
    assertTrue(trim.check(), "a quiet period after growth");
    assertEquals(1, trims.get());
    assertEquals(104 * MIB, resident.get());
    assertFalse(trim.check(), "what stayed after the trim is the new reference");
    assertEquals(1, trims.get());
  }

  @Test
  void aLargeHeapThatDoesNotCollectIsNotQuietWhileItAllocates() {
    resident.set(900 * MIB);
    for (int period = 0; period < 5; period++) {
      heapUsed.addAndGet(200 * MIB);
      assertFalse(trim.check(), "no collection, but 200 MiB allocated in the period");
    }
    heapUsed.addAndGet(MIB);
    assertTrue(trim.check(), "the flood is over");
  }

  @Test
  void growthWithinTenPercentIsLeftAlone() {
    resident.set(109 * MIB);
    assertFalse(trim.check());
    assertEquals(0, trims.get());
  }

  @Test
  void steadyLoadThatCollectsEveryPeriodIsNeverTrimmed() {
    resident.set(300 * MIB);
    for (int period = 0; period < 10; period++) {
      collections.incrementAndGet();
      assertFalse(trim.check());
    }
    assertEquals(0, trims.get());
  }

  @Test
  void aResidentSetThatCannotBeReadNeverTrims() {
    MemoryTrim blind = new MemoryTrim(collections::get, heapUsed::get, () -> -1, trims::incrementAndGet);
    assertFalse(blind.check());
    assertEquals(0, trims.get());
  }

  @Test
  void theResidentSetOfThisProcessIsRead() {
    long bytes = MemoryTrim.residentBytes();
    assertTrue(bytes > MIB && bytes < 64L * 1024 * MIB, "VmRSS: " + bytes);
  }
}
