package io.clusterdns.plugin.reload;

import static io.clusterdns.plugin.testkit.CorefileSnippets.assertRejected;
import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.PluginRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReloadSetupTest {
  @Test
  void isRegisteredUnderItsDirectiveName() {
    assertEquals(ReloadSetup.class, PluginRegistry.load().find("reload").map(Object::getClass).orElse(null));
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      value = {
        "reload => 30 15",
        "reload 10s => 10 5",
        "reload 2s => 2 1",
        "reload 1m 20s => 60 20",
        "reload 3s 1s => 3 1",
        "reload 4s 1m => 4 2",
        "reload 1m30s 45s => 90 45",
      })
  void intervalAndJitterWithDefaultsAndTheJitterCappedAtHalfTheInterval(String snippet, String expected)
      throws CorefileException {
    ReloadOptions options = ReloadSetup.parse(directive(snippet));
    String[] seconds = expected.split(" ");
    assertEquals(Duration.ofSeconds(Long.parseLong(seconds[0])), options.interval());
    assertEquals(Duration.ofSeconds(Long.parseLong(seconds[1])), options.jitter());
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      value = {
        "reload 1s => Corefile:1:8: reload interval must be at least 2s, got '1s'",
        "reload 1999ms => Corefile:1:8: reload interval must be at least 2s, got '1999ms'",
        "reload 5s 500ms => Corefile:1:11: reload jitter must be at least 1s, got '500ms'",
        "reload soon => Corefile:1:8: reload interval must be a duration such as 5s, got 'soon'",
        "reload 5s 2d => Corefile:1:11: reload jitter: unknown unit 'd' in '2d', expected ns, us, ms, s, m or h",
        "reload 5s 1s 3s => Corefile:1:14: reload: unexpected argument '3s', expected reload [INTERVAL] [JITTER]",
        "reload {\\n} => Corefile:1:1: plugin reload takes no block",
      })
  void badDirectivesNameTheTokenAndWhatWasExpected(String snippet, String message) {
    assertRejected(snippet, message, ReloadSetup::parse);
  }
}
