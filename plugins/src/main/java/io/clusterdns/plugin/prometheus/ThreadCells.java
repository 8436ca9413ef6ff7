package io.clusterdns.plugin.prometheus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The storage of the per-query metrics ({@link ThreadCounter}, {@link ThreadHistogram}): every
 * series owns a few cells, numbered process-wide, and every thread that counts has an array of
 * them of its own. A thread writes only its own array, with a plain load and store (no CAS, no
 * lock, no shared cache line), and a scrape adds up the arrays of all threads. Arrays of threads
 * that ended are folded into one at the next scrape, so their counts stay and their arrays go.
 *
 * <p>Writes are opaque, which on x86 and ARM is an ordinary store, so that a scrape on another
 * thread sees every cell whole and sees it advance; a scrape may miss the last few increments of
 * a running thread, which the next one sees.
 */
public final class ThreadCells {
  private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);
  /**
   * Cells left unused at each end of an array (64 bytes): a garbage collector that moves two
   * threads' arrays next to each other must not put their busy cells on one cache line.
   */
  private static final int PAD = 8;

  private static final AtomicInteger ALLOCATED = new AtomicInteger(PAD);
  private static final List<Owner> OWNERS = new CopyOnWriteArrayList<>();
  private static final ThreadLocal<Owner> LOCAL = ThreadLocal.withInitial(Owner::register);
  /** The counts of threads that ended. Guarded by the class lock, like the scrape. */
  private static long[] retired = new long[0];

  private ThreadCells() {}

  /** Reserves {@code count} consecutive cells for a new series; returns the first. */
  static int allocate(int count) {
    return ALLOCATED.getAndAdd(count);
  }

  /** The calling thread's cells, long enough to hold cell {@code highest}. */
  public static long[] forThread(int highest) {
    Owner owner = LOCAL.get();
    long[] cells = owner.cells;
    return highest < cells.length - PAD ? cells : owner.grow(highest);
  }

  /** Adds one to a cell of the calling thread's array. */
  public static void increment(long[] cells, int cell) {
    CELLS.setOpaque(cells, cell, (long) CELLS.getOpaque(cells, cell) + 1);
  }

  static void add(long[] cells, int cell, long value) {
    CELLS.setOpaque(cells, cell, (long) CELLS.getOpaque(cells, cell) + value);
  }

  /** Every cell added up over all threads, those that ended included; indexed by cell. */
  static synchronized long[] totals() {
    int size = ALLOCATED.get();
    for (Owner owner : OWNERS) {
      // Checked before reading: a thread's last writes happen before its end is seen.
      if (!owner.alive()) {
        long[] cells = owner.cells;
        retired = Arrays.copyOf(retired, Math.max(retired.length, cells.length));
        for (int i = 0; i < cells.length; i++) {
          retired[i] += cells[i];
        }
        OWNERS.remove(owner);
      }
    }
    long[] totals = Arrays.copyOf(retired, size);
    for (Owner owner : OWNERS) {
      long[] cells = owner.cells;
      int length = Math.min(cells.length, size);
      for (int i = PAD; i < length; i++) {
        totals[i] += (long) CELLS.getOpaque(cells, i);
      }
    }
    return totals;
  }

  /** One thread's cells; the array is replaced (by that thread) when new series need more. */
  private static final class Owner {
    private final WeakReference<Thread> thread;
    private volatile long[] cells;

    private Owner(Thread thread, int length) {
      this.thread = new WeakReference<>(thread);
      this.cells = new long[length];
    }

    static Owner register() {
      Owner owner = new Owner(Thread.currentThread(), ALLOCATED.get() + PAD);
      OWNERS.add(owner);
      return owner;
    }

    /** A copy with room for every cell allocated so far; counts read from the old one stay valid. */
    long[] grow(int highest) {
      long[] grown = Arrays.copyOf(cells, Math.max(highest + 1, ALLOCATED.get()) + PAD);
      cells = grown;
      return grown;
    }

    boolean alive() {
      Thread owner = thread.get();
      return owner != null && owner.isAlive();
    }
  }
}
