package io.clusterdns.testing;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The probes and the test server of {@link RealResolverComparisonTest}, for each class that
 * compares real libraries with their models apart from it. Needs root, as that class.
 */
abstract class RealResolverFixture {
  @BeforeAll
  static void buildProbesAndStartServer() throws Exception {
    RealResolverComparisonTest.buildProbesAndStartServer();
  }

  @AfterAll
  static void stop() throws IOException {
    RealResolverComparisonTest.stop();
  }
}
