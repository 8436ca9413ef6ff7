package io.clusterdns.testing;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The faulty part of {@link RealResolverAddressComparisonTest}, in a class of its own to keep
 * each class short: a first candidate answering SERVFAIL, and a first candidate whose AAAA reply
 * is lost once. Needs root, as that class.
 */
class RealResolverAddressFaultComparisonTest extends RealResolverAddressPart {
  static Stream<Arguments> rows() {
    return RealResolverAddressComparisonTest.faults();
  }
}
