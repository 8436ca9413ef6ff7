package io.clusterdns.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that serve one UDP socket and the turn to receive on it, which one of them holds
 * at a time (leader/followers). Just before a blocking handler runs, the holder hands the turn
 * to an idle thread or to a new one, up to the socket's thread limit; once it has answered, it
 * waits for a turn again. A thread that has waited {@link #IDLE_THREAD_NANOS} for a turn ends,
 * so the threads a burst of forwarded queries started do not outlive it.
 */
final class ReceiveTurns {
  /** How long a thread beyond the receiving one waits for a turn before it ends. */
  static final long IDLE_THREAD_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final Runnable serve;
  private final int maxThreads;
  /** Turns to receive, released to an idle thread when the receiving one is about to block. */
  private final Semaphore turns = new Semaphore(0);
  /** Threads waiting for a turn that no hand-off has claimed yet. */
  private final AtomicInteger idle = new AtomicInteger();
  private final AtomicInteger started = new AtomicInteger();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private String name;

  /** {@code serve} is what every thread runs: it receives while it holds the turn. */
  ReceiveTurns(Runnable serve, int maxThreads) {
    this.serve = serve;
    this.maxThreads = maxThreads;
  }

  /** Starts the first thread, which holds the turn. */
  void start(String threadName) {
    this.name = threadName;
    startThread();
  }

  /** Starts a thread that receives at once, unless the socket has all the threads it may. */
  private boolean startThread() {
    int number = started.incrementAndGet();
    if (number > maxThreads) {
      started.decrementAndGet();
      return false;
    }
    Thread thread = new Thread(serve, number == 1 ? name : name + "-" + number);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
    return true;
  }

  /** Hands the turn to receive to an idle thread, or to a new one; false if there is none. */
  private boolean handOff() {
    int waiting;
    do {
      waiting = idle.get();
      if (waiting == 0) {
        return startThread();
      }
    } while (!idle.compareAndSet(waiting, waiting - 1));
    turns.release();
    return true;
  }

  /**
   * Called by a thread whose turn another took over while it waited: waits for a turn again;
   * false when none came within the idle time and the thread, now forgotten, must end.
   */
  boolean awaitTurnAgain() {
    idle.incrementAndGet();
    if (!awaitTurn()) {
      started.decrementAndGet();
      threads.remove(Thread.currentThread());
      return false;
    }
    return true;
  }

  /**
   * Waits for a turn to receive; false when none came within the idle time and this thread
   * may end. It may only when it can take itself off the idle count: at zero, every waiting
   * thread has a turn handed to it, this one included.
   */
  private boolean awaitTurn() {
    while (true) {
      try {
        if (turns.tryAcquire(IDLE_THREAD_NANOS, TimeUnit.NANOSECONDS)) {
          return true;
        }
      } catch (InterruptedException e) {
        // Nobody interrupts these threads (stopping releases turns instead), and keeping the
        // flag would make the next receive close the socket: taken as the end of the wait.
      }
      int waiting = idle.get();
      if (waiting > 0 && idle.compareAndSet(waiting, waiting - 1)) {
        return false;
      }
    }
  }

  /** Wakes every thread waiting for a turn, each then sees that serving stopped, and joins them. */
  void stop() {
    turns.release(maxThreads);
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Whether a thread holds the turn to receive; touched only by that thread. */
  static final class Turn implements BlockingGate.Gate {
    private final ReceiveTurns turns;
    private boolean receiving = true;

    Turn(ReceiveTurns turns) {
      this.turns = turns;
    }

    boolean receiving() {
      return receiving;
    }

    /** The thread got a turn again ({@link ReceiveTurns#awaitTurnAgain}). */
    void receiveAgain() {
      receiving = true;
    }

    @Override
    public boolean beforeBlocking() {
      if (!receiving) {
        return true;
      }
      if (!turns.handOff()) {
        return false;
      }
      receiving = false;
      return true;
    }
  }
}
