package io.clusterdns.testing;

import io.clusterdns.testing.RealResolverComparisonTest.Library;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The faulty part of {@link RealResolverComparisonTest}'s table, in a class of its own to keep
 * each class short: a first candidate answering SERVFAIL or REFUSED (which musl waits out to its
 * timeout) or truncated. Needs root, as that class.
 */
class RealResolverFaultComparisonTest {
  @BeforeAll
  static void buildProbesAndStartServer() throws Exception {
    RealResolverComparisonTest.buildProbesAndStartServer();
  }

  @AfterAll
  static void stop() throws IOException {
    RealResolverComparisonTest.stop();
  }

  @ParameterizedTest(name = "{0} {1}: {2} ({3} {4} {6})")
  @MethodSource("io.clusterdns.testing.RealResolverComparisonTest#faults")
  void theModelSendsWhatTheLibrarySendsAndEndsTheSame(
      Library library, String config, String form, String name, String type, String faulty, String fault)
      throws Exception {
    RealResolverComparisonTest.compare(library, config, name, type, faulty, fault);
  }
}
