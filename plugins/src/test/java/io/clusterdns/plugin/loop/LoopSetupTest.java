package io.clusterdns.plugin.loop;

import static io.clusterdns.plugin.testkit.CorefileSnippets.assertRejected;
import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;

class LoopSetupTest {
  @Test
  void isRegisteredUnderItsDirectiveName() {
    assertEquals(LoopSetup.class, PluginRegistry.load().find("loop").map(Object::getClass).orElse(null));
  }

  @Test
  void probesTwoRandomNumericLabelsUnderTheFirstZoneOfTheBlock() throws Exception {
    LoopHandler handler = (LoopHandler) new LoopSetup()
        .setup(directive("loop"), new FakeSetupContext("cluster.local.", "in-addr.arpa."));
    Name probe = handler.probe();

    assertEquals(4, probe.labels() - 1);
    assertTrue(probe.subdomain(Name.fromString("cluster.local.")), probe.toString());
    assertTrue(probe.getLabelString(0).matches("[0-9]{1,20}") && probe.getLabelString(1).matches("[0-9]{1,20}"),
        probe.toString());
  }

  @Test
  void probeNamesAreUnsignedAndDifferEachTime() throws Exception {
    Random random = new Random(3);
    Name first = LoopSetup.probeName(".", random);
    Name second = LoopSetup.probeName(".", random);
    assertTrue(!first.equals(second), first + " " + second);
    assertTrue(first.toString().matches("[0-9]+\\.[0-9]+\\."), first.toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      value = {
        "loop example.org => Corefile:1:6: unexpected argument 'example.org': loop takes no arguments",
        "loop {\\n} => Corefile:1:1: plugin loop takes no block",
      })
  void badDirectivesNameTheTokenAndWhatWasExpected(String snippet, String message) {
    assertRejected(snippet, message, d -> new LoopSetup().setup(d, new FakeSetupContext(".")));
  }
}
