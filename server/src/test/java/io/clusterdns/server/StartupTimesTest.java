package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StartupTimesTest {
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);

  private void advance(long millis) {
    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Test
  void eachStepTakesTheTimeSinceThePreviousAndNamesItsSlowPlugins() {
    StartupTimes times = new StartupTimes(clock::get);
    advance(12);
    times.step("Corefile");
    advance(40);
    times.step("plugin setup");
    times.plugin("errors", TimeUnit.MICROSECONDS.toNanos(300));
    times.plugin("kubernetes", TimeUnit.MILLISECONDS.toNanos(180));
    times.plugin("health", StartupTimes.NOTABLE_PLUGIN_NANOS);
    advance(190);
    times.step("plugin start");
    advance(7);
    times.step("listeners");

    assertEquals("started in 249 ms: Corefile 12 ms, plugin setup 40 ms,"
        + " plugin start 190 ms (kubernetes 180 ms, health 5 ms), listeners 7 ms", times.summary());
  }

  @Test
  void aStartWithoutSlowPluginsNamesNone() {
    StartupTimes times = new StartupTimes(clock::get);
    times.plugin("whoami", 0);
    advance(3);
    times.step("plugin start");
    assertEquals("started in 3 ms: plugin start 3 ms", times.summary());
  }

  @Test
  void aStartedServerLogsItsStepsOnce() throws Exception {
    try (StderrCapture log = new StderrCapture();
        ClusterDns dns = ClusterDns.builder().corefile("example.org {\n whoami\n}\n").start()) {
      Pattern line = Pattern.compile("started in \\d+ ms: Corefile \\d+ ms, plugin setup \\d+ ms,"
          + " plugin start \\d+ ms(?: \\([^)]*\\))?, listeners \\d+ ms; JVM up \\d+ ms\n");
      assertEquals(1, line.matcher(log.text()).results().count(), log.text());
      assertTrue(dns.udpAddress().getPort() > 0);
    }
  }
}
