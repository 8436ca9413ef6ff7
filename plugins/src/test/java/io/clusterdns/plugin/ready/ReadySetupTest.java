package io.clusterdns.plugin.ready;

import static io.clusterdns.plugin.testkit.CorefileSnippets.assertRejected;
import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.PluginRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadySetupTest {
  @Test
  void isRegisteredUnderItsDirectiveName() {
    assertEquals(ReadySetup.class, PluginRegistry.load().find("ready").map(Object::getClass).orElse(null));
  }

  @Test
  void defaultsToEveryAddressPort8181UntilReady() throws CorefileException {
    ReadyOptions options = ReadySetup.parse(directive("ready"));

    assertEquals(new InetSocketAddress(8181), options.address());
    assertFalse(options.continuously());
  }

  @Test
  void readsAddressAndMonitorModeTheLastOneWinning() throws Exception {
    ReadyOptions options = ReadySetup.parse(directive("ready localhost:1234 {\n monitor until-ready\n monitor continuously\n}"));

    assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1234), options.address());
    assertTrue(options.continuously());
    assertFalse(ReadySetup.parse(directive("ready {\n monitor until-ready\n}")).continuously());
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '`',
      value = {
        "ready bla => Corefile:1:7: ready: invalid address 'bla': no port; expected [HOST]:PORT such as :8080",
        "ready localhost:1234 b => Corefile:1:22: ready: unexpected argument 'b', expected ready [ADDRESS]",
        "ready {\\n monitor 404\\n} => Corefile:2:10: ready: invalid monitor mode '404', expected until-ready or continuously",
        "ready {\\n monitro continuously\\n} => Corefile:2:2: ready: unknown property 'monitro'; did you mean 'monitor'?",
        "ready {\\n monitor\\n} => Corefile:2:2: monitor: missing argument, expected monitor until-ready|continuously",
        "ready {\\n monitor continuously extra\\n} => Corefile:2:23: monitor: unexpected argument 'extra', expected monitor until-ready|continuously",
      })
  void rejectsBadDirectivesNamingTheToken(String snippet, String message) {
    assertRejected(snippet, message, ReadySetup::parse);
  }
}
