package io.clusterdns.testing;

import io.clusterdns.testing.RealBindToolsComparisonTest.Tool;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The faulty part of {@link RealBindToolsComparisonTest}, in a class of its own to keep each class
 * short: a first candidate answering SERVFAIL (the tools give up at once) or nothing, and
 * nslookup's AAAA query unanswered. Needs root, as that class.
 */
class RealBindToolsFaultComparisonTest {
  @BeforeAll
  static void startServer() throws Exception {
    RealBindToolsComparisonTest.startServer();
  }

  @AfterAll
  static void stop() throws IOException {
    RealBindToolsComparisonTest.stop();
  }

  @ParameterizedTest(name = "{0} {1}: {2} ({3} {4} {5})")
  @MethodSource("io.clusterdns.testing.RealBindToolsComparisonTest#faults")
  void theModelSendsWhatTheToolSendsAndEndsTheSame(
      Tool tool, String config, String form, String name, String type, String fault) throws Exception {
    RealBindToolsComparisonTest.compare(tool, config, name, type, fault);
  }
}
