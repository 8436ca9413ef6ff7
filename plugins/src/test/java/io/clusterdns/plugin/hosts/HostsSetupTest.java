package io.clusterdns.plugin.hosts;

import io.clusterdns.plugin.Fallthrough;
import static io.clusterdns.plugin.testkit.CorefileSnippets.assertRejected;
import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;

class HostsSetupTest {
  @org.junit.jupiter.api.Test
  void isRegisteredUnderItsDirectiveName() {
    assertEquals(
        HostsSetup.class,
        io.clusterdns.plugin.PluginRegistry.load().find("hosts").map(Object::getClass).orElse(null));
  }

  private final FakeSetupContext context = new FakeSetupContext(Path.of("/srv/dns"), "example.org.", "example.net.");

  @Test
  void defaultsReadEtcHostsForTheBlockZones() throws CorefileException {
    HostsOptions options = HostsSetup.parse(directive("hosts"), context);

    assertEquals(Path.of("/etc/hosts"), options.file());
    assertEquals(names("example.org.", "example.net."), options.origins());
    assertEquals(3600, options.ttl());
    assertEquals(true, options.reverse());
    assertEquals(Duration.ofSeconds(5), options.reload());
    assertEquals(Fallthrough.NEVER, options.fallthrough());
    assertEquals(List.of(), options.inline());
  }

  @Test
  void fileIsResolvedAgainstTheCorefileDirectoryAndZonesNarrowTheOrigins() throws CorefileException {
    HostsOptions options =
        HostsSetup.parse(directive("hosts example.hosts Example.ORG {\n fallthrough\n}"), context);

    assertEquals(Path.of("/srv/dns/example.hosts"), options.file());
    assertEquals(names("example.org."), options.origins());
    assertEquals(Fallthrough.ALWAYS, options.fallthrough());
  }

  @Test
  void blockSetsEveryOptionAndKeepsInlineEntries() throws CorefileException {
    HostsOptions options =
        HostsSetup.parse(
            directive(
                """
                hosts /etc/other {
                    10.0.0.1 example.org www.example.org   # the web server
                    fd00::1 example.org
                    ttl 60
                    no_reverse
                    reload 0s
                    fallthrough in-addr.arpa ip6.arpa
                }
                """),
            context);

    assertEquals(Path.of("/etc/other"), options.file());
    assertEquals(List.of("10.0.0.1 example.org www.example.org", "fd00::1 example.org"), options.inline());
    assertEquals(60, options.ttl());
    assertEquals(false, options.reverse());
    assertEquals(Duration.ZERO, options.reload());
    assertEquals(new Fallthrough(names("in-addr.arpa.", "ip6.arpa.")), options.fallthrough());
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      value = {
        "hosts {\\n ttl\\n} => Corefile:2:2: ttl: missing argument, expected ttl SECONDS",
        "hosts {\\n ttl 0\\n} => Corefile:2:6: hosts ttl must be between 1 and 65535, got '0'",
        "hosts {\\n ttl 70000\\n} => Corefile:2:6: hosts ttl must be between 1 and 65535, got '70000'",
        "hosts {\\n ttl soon\\n} => Corefile:2:6: hosts ttl must be a whole number, got 'soon'",
        "hosts {\\n reload\\n} => Corefile:2:2: reload: missing argument, expected reload DURATION (0s disables)",
        "hosts {\\n reload 5 s\\n} => Corefile:2:11: reload: unexpected argument 's', expected reload DURATION (0s disables)",
        "hosts {\\n reload 5x\\n} => Corefile:2:9: hosts reload: unknown unit 'x' in '5x', expected ns, us, ms, s, m or h",
        "hosts {\\n no_reverse please\\n} => Corefile:2:13: unexpected argument 'please': no_reverse takes no arguments",
        "hosts {\\n no-reverse\\n} => Corefile:2:2: hosts: unknown property 'no-reverse'; did you mean 'no_reverse'?",
        "hosts {\\n example.org 10.0.0.1\\n} => Corefile:2:2: hosts: unknown property 'example.org'; expected one of ttl, no_reverse, reload, fallthrough",
        "hosts {\\n 10.0.0.1\\n} => Corefile:2:2: hosts: inline entry '10.0.0.1' needs at least one name after the address",
        "hosts {\\n 10.0.0.1 bad..name\\n} => Corefile:2:11: hosts: invalid host name 'bad..name' in inline entry",
        "hosts /etc/hosts bad..zone => Corefile:1:18: hosts: invalid zone 'bad..zone'",
      })
  void rejectsBadDirectivesNamingTheToken(String snippet, String message) {
    assertRejected(snippet, message, d -> HostsSetup.parse(d, context));
  }

  private static List<Name> names(String... names) {
    return java.util.Arrays.stream(names).map(Name::fromConstantString).toList();
  }
}
