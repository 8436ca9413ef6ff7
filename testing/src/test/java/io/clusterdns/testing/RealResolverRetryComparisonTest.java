package io.clusterdns.testing;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The retries of {@link RealResolverComparisonTest}'s table, in a class of its own to keep each
 * class short: the first query of the first candidate not answered, under two attempts of a
 * second (c-ares: retrans 1000 ms, retry 2), so each resolver asks again. Needs root, as that
 * class.
 */
class RealResolverRetryComparisonTest extends RealResolverTablePart {
  static Stream<Arguments> rows() {
    return RealResolverComparisonTest.retries();
  }
}
