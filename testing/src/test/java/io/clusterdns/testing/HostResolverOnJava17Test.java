package io.clusterdns.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** Before Java 21 the host resolver is refused with a reason, and the rest of the module works. */
@EnabledForJreRange(max = JRE.JAVA_20)
class HostResolverOnJava17Test {
  @Test
  void hostResolverSaysItNeedsJava21() {
    assertFalse(HostResolution.available());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ClusterDnsExtension().hostResolver());
    assertEquals("hostResolver() needs Java 21 or later and a clusterdns-testing built with JDK 21 or later; this is Java "
        + Runtime.version().feature(), e.getMessage());
  }
}
