package io.clusterdns.testing;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The dropped AAAA replies of {@link RealResolverAddressComparisonTest}, in a class of its own to keep
 * each class short: a first candidate whose AAAA reply never comes (glibc waits three timeouts
 * for it and answers with A; musl fails the lookup). Needs root, as that class.
 */
class RealResolverAddressDropComparisonTest extends RealResolverAddressPart {
  static Stream<Arguments> rows() {
    return RealResolverAddressComparisonTest.drops();
  }
}
