package io.clusterdns.server;

/**
 * What a thread does before it runs a {@link io.clusterdns.plugin.Handler#blocking blocking}
 * handler. A UDP listener thread installs its own gate, which hands the socket it was receiving
 * on to another thread; every other thread (TCP workers, tests, in-process exchanges) has none
 * and simply waits.
 */
final class BlockingGate {
  private static final ThreadLocal<Gate> GATE = new ThreadLocal<>();

  /** The hand-off of one thread. */
  interface Gate {
    /**
     * Makes sure that the thread may wait without holding up other queries; false when it may
     * not, because every thread that could take its place is busy.
     */
    boolean beforeBlocking();
  }

  private BlockingGate() {}

  static void install(Gate gate) {
    GATE.set(gate);
  }

  /** Whether the current thread may run a blocking handler now. */
  static boolean beforeBlocking() {
    Gate gate = GATE.get();
    return gate == null || gate.beforeBlocking();
  }
}
