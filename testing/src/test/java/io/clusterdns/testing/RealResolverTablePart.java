package io.clusterdns.testing;

import io.clusterdns.testing.RealResolverComparisonTest.Library;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A part of {@link RealResolverComparisonTest}'s table in a class of its own, to keep each class
 * short: the subclass names its rows in a static {@code rows()}.
 */
abstract class RealResolverTablePart extends RealResolverFixture {
  @ParameterizedTest(name = "{0} {1}: {2} ({3} {4} {6})")
  @MethodSource("rows")
  void theModelSendsWhatTheLibrarySendsAndEndsTheSame(
      Library library, String config, String form, String name, String type, String faulty, String fault)
      throws Exception {
    RealResolverComparisonTest.compare(library, config, name, type, faulty, fault);
  }
}
