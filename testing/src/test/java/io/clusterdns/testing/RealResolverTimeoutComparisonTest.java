package io.clusterdns.testing;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The timeouts of {@link RealResolverComparisonTest}'s table, in a class of its own to keep each
 * class short: a first candidate never answered, under one attempt of a second (a second for
 * each library and for each model). Needs root, as that class.
 */
class RealResolverTimeoutComparisonTest extends RealResolverTablePart {
  static Stream<Arguments> rows() {
    return RealResolverComparisonTest.timeouts();
  }
}
