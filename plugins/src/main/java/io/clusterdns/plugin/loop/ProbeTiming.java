package io.clusterdns.plugin.loop;

import java.time.Duration;

/**
 * When the loop probe is sent and for how long it is looked for.
 *
 * @param retry the wait after a send that failed (the server was not serving yet)
 * @param window how long after start sends are tried
 * @param linger how long the probe still counts after a send got its reply: a hop of the loop
 *     may be queued behind the one that answered (a UDP worker that was busy with it)
 */
record ProbeTiming(Duration retry, Duration window, Duration linger) {
  /** CoreDNS's: retry every second for 30 s, stop looking 2 s after the first reply. */
  static final ProbeTiming COREDNS =
      new ProbeTiming(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(2));
}
