package io.clusterdns.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The start's warm-up: its steps run without failing, on a daemon thread that ends. */
class StartWarmupTest {
  @Test
  void everyStepRunsOnTheCallingThread() {
    // The warm-up thread swallows failures (the start reports them where it meets them), so a
    // step that breaks, a class renamed or an API changed, shows here.
    StartWarmup.warm();
  }

  @Test
  void runsOnADaemonThreadOfItsOwnThatEnds() throws InterruptedException {
    Thread thread = StartWarmup.begin();
    assertEquals("start-warmup", thread.getName());
    assertTrue(thread.isDaemon(), "must not keep a failed start's JVM alive");
    thread.join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(thread.isAlive(), "the warm-up ends once done");
  }
}
