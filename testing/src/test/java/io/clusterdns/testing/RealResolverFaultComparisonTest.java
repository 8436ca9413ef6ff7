package io.clusterdns.testing;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The faulty part of {@link RealResolverComparisonTest}'s table, in a class of its own to keep
 * each class short: a first candidate answering SERVFAIL or REFUSED (which musl waits out to its
 * timeout) or truncated. Needs root, as that class.
 */
class RealResolverFaultComparisonTest extends RealResolverTablePart {
  static Stream<Arguments> rows() {
    return RealResolverComparisonTest.faults();
  }
}
