package io.clusterdns.testing;

import io.clusterdns.testing.RealResolverComparisonTest.Library;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The faulty part of {@link RealResolverAddressComparisonTest}, in a class of its own to keep
 * each class short: a first candidate answering SERVFAIL, and a first candidate whose AAAA reply
 * is lost once. Needs root, as that class.
 */
class RealResolverAddressFaultComparisonTest {
  @BeforeAll
  static void buildProbesAndStartServer() throws Exception {
    RealResolverComparisonTest.buildProbesAndStartServer();
  }

  @AfterAll
  static void stop() throws IOException {
    RealResolverComparisonTest.stop();
  }

  @ParameterizedTest(name = "{0} {1}: {2} ({3})")
  @MethodSource("io.clusterdns.testing.RealResolverAddressComparisonTest#faults")
  void theModelSendsWhatTheLibrarySendsAndEndsTheSame(
      Library library, String config, String form, String name, String fault) throws Exception {
    RealResolverAddressComparisonTest.compare(library, config, name, fault);
  }
}
