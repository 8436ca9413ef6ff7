package io.clusterdns.plugin.health;

import static io.clusterdns.plugin.testkit.CorefileSnippets.assertRejected;
import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.PluginRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthSetupTest {
  @Test
  void isRegisteredUnderItsDirectiveName() {
    assertEquals(HealthSetup.class, PluginRegistry.load().find("health").map(Object::getClass).orElse(null));
  }

  @Test
  void defaultsToEveryAddressPort8080WithoutLameduck() throws CorefileException {
    HealthOptions options = HealthSetup.parse(directive("health"));

    assertEquals(new InetSocketAddress(8080), options.address());
    assertEquals(Duration.ZERO, options.lameduck());
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      value = {
        "health :8091 => 0.0.0.0 8091",
        "health 127.0.0.1:0 => 127.0.0.1 0",
        "health localhost:8080 => 127.0.0.1 8080",
        "health [::1]:8080 => 0:0:0:0:0:0:0:1 8080",
        "health 10.0.0.1:65535 => 10.0.0.1 65535",
      })
  void readsTheAddress(String snippet, String expected) throws CorefileException {
    InetSocketAddress address = HealthSetup.parse(directive(snippet)).address();

    assertEquals(expected, address.getAddress().getHostAddress() + " " + address.getPort());
  }

  @Test
  void readsTheLameduckDuration() throws Exception {
    HealthOptions options = HealthSetup.parse(directive("health :8080 {\n  lameduck 1m30s\n}"));

    assertEquals(Duration.ofSeconds(90), options.lameduck());
    assertEquals(InetAddress.getByName("0.0.0.0"), options.address().getAddress());
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '`',
      value = {
        "health 8080 => Corefile:1:8: health: invalid address '8080': no port; expected [HOST]:PORT such as :8080",
        "health :http => Corefile:1:8: health: invalid address ':http': the port must be a number from 0 to 65535; expected [HOST]:PORT such as :8080",
        "health :65536 => Corefile:1:8: health: invalid address ':65536': the port must be a number from 0 to 65535; expected [HOST]:PORT such as :8080",
        "health example.com:8080 => Corefile:1:8: health: invalid address 'example.com:8080': the host must be empty, localhost, an IPv4 address or an IPv6 address in []; expected [HOST]:PORT such as :8080",
        "health ::1:8080 => Corefile:1:8: health: invalid address '::1:8080': the host must be empty, localhost, an IPv4 address or an IPv6 address in []; expected [HOST]:PORT such as :8080",
        "health :8080 :8081 => Corefile:1:14: health: unexpected argument ':8081', expected health [ADDRESS]",
        "health {\\n  lameduck\\n} => Corefile:2:3: lameduck: missing argument, expected lameduck DURATION",
        "health {\\n  lameduck 5s 6s\\n} => Corefile:2:15: lameduck: unexpected argument '6s', expected lameduck DURATION",
        "health {\\n  lameduck soon\\n} => Corefile:2:12: lameduck must be a duration such as 5s, got 'soon'",
        "health {\\n  lameduck 5 \\n} => Corefile:2:12: lameduck must be a duration such as 5s, got '5'",
        "health {\\n  lameduck 0s\\n} => Corefile:2:12: lameduck must be positive, got '0s'",
        "health {\\n  lameduk 5s\\n} => Corefile:2:3: health: unknown property 'lameduk'; did you mean 'lameduck'?",
      })
  void rejectsBadDirectivesNamingTheToken(String snippet, String message) {
    assertRejected(snippet, message, HealthSetup::parse);
  }
}
