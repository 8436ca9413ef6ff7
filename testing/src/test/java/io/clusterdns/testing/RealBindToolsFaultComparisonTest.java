package io.clusterdns.testing;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The faulty part of {@link RealBindToolsComparisonTest}, in a class of its own to keep each class
 * short: a first candidate answering SERVFAIL (the tools give up at once) or nothing, and
 * nslookup's AAAA query unanswered. Its server and test method are that class's. Needs root,
 * as that class.
 */
class RealBindToolsFaultComparisonTest extends RealBindToolsComparisonTest {
  static Stream<Arguments> rows() {
    return faults();
  }
}
