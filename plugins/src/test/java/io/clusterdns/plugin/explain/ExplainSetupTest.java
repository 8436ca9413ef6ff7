package io.clusterdns.plugin.explain;

import static io.clusterdns.plugin.testkit.CorefileSnippets.assertRejected;
import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.PluginRegistry;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExplainSetupTest {
  @Test
  void isRegisteredUnderItsDirectiveNameBeforeErrors() {
    PluginRegistry registry = PluginRegistry.load();
    assertEquals(ExplainSetup.class, registry.find("explain").map(Object::getClass).orElse(null));
    assertEquals(registry.position("prometheus") + 1, registry.position("explain"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      value = {
        "explain => 127.0.0.1 8099",
        "explain :8099 => 0.0.0.0 8099",
        "explain 127.0.0.1:0 => 127.0.0.1 0",
        "explain [::1]:8080 => 0:0:0:0:0:0:0:1 8080",
      })
  void readsTheAddress(String snippet, String expected) throws CorefileException {
    InetSocketAddress address = ExplainSetup.parse(directive(snippet));

    assertEquals(expected, address.getAddress().getHostAddress() + " " + address.getPort());
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '`',
      value = {
        "explain 8099 => Corefile:1:9: explain: invalid address '8099': no port; expected [HOST]:PORT such as :8080",
        "explain example.com:80 => Corefile:1:9: explain: invalid address 'example.com:80': the host must be empty, localhost, an IPv4 address or an IPv6 address in []; expected [HOST]:PORT such as :8080",
        "explain :8099 :8100 => Corefile:1:15: explain: unexpected argument ':8100', expected explain [ADDRESS]",
        "explain {\\n  resolver musl\\n} => Corefile:1:1: plugin explain takes no block",
      })
  void rejectsBadDirectivesNamingTheToken(String snippet, String message) {
    assertRejected(snippet, message, ExplainSetup::parse);
  }
}
