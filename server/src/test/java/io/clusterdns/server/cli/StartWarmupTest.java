package io.clusterdns.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The start's warm-up: its steps run without failing, on daemon threads that end. */
class StartWarmupTest {
  @Test
  void everyStepRunsOnTheCallingThread() {
    // The warm-up thread swallows failures (the start reports them where it meets them), so a
    // step that breaks, a class renamed or an API changed, shows here.
    StartWarmup.warm();
    StartWarmup.warmCluster();
  }

  @Test
  void runsOnDaemonThreadsOfTheirOwnThatEnd() throws InterruptedException {
    List<Thread> threads = StartWarmup.begin();
    assertEquals(List.of("start-warmup", "start-warmup-cluster"), threads.stream().map(Thread::getName).toList());
    for (Thread thread : threads) {
      assertTrue(thread.isDaemon(), "must not keep a failed start's JVM alive");
      thread.join(TimeUnit.SECONDS.toMillis(10));
      assertFalse(thread.isAlive(), "the warm-up ends once done");
    }
  }
}
