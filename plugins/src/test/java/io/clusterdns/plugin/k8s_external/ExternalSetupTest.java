package io.clusterdns.plugin.k8s_external;

import static io.clusterdns.plugin.testkit.CorefileSnippets.assertRejected;
import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.Fallthrough;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;

class ExternalSetupTest {
  private final FakeSetupContext context =
      new FakeSetupContext("example.com.", "example.org.")
          .withSibling(directive("kubernetes cluster.local"), (request, next) -> next.next(request));

  @Test
  void isRegisteredUnderItsDirectiveName() {
    assertEquals(
        ExternalSetup.class,
        PluginRegistry.load().find("k8s_external").map(Object::getClass).orElse(null));
  }

  @Test
  void defaultsServeTheBlockZonesWithApexDnsAndTtl5() throws CorefileException {
    ExternalOptions options = ExternalSetup.parse(directive("k8s_external"), context);

    assertEquals(names("example.com.", "example.org."), options.zones());
    assertEquals(Name.fromConstantString("example.com."), options.primaryZone());
    assertEquals(Name.fromConstantString("dns"), options.apex());
    assertEquals(5, options.ttl());
    assertEquals(false, options.headless());
    assertEquals(Fallthrough.NEVER, options.fallthrough());
  }

  @Test
  void blockSetsEveryOption() throws CorefileException {
    ExternalOptions options =
        ExternalSetup.parse(
            directive(
                """
                k8s_external 10.0.0.0/24 Example.NET {
                    apex ns.Zone
                    ttl 3600
                    headless
                    fallthrough example.net
                }
                """),
            context);

    assertEquals(names("0.0.10.in-addr.arpa.", "example.net."), options.zones());
    assertEquals(Name.fromConstantString("example.net."), options.primaryZone());
    assertEquals(Name.fromConstantString("ns.zone"), options.apex());
    assertEquals(3600, options.ttl());
    assertEquals(true, options.headless());
    assertEquals(new Fallthrough(names("example.net.")), options.fallthrough());
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      value = {
        "k8s_external {\\n ttl\\n} => Corefile:2:2: ttl: missing argument, expected ttl SECONDS",
        "k8s_external {\\n ttl 3601\\n} => Corefile:2:6: k8s_external: ttl must be between 0 and 3600, got '3601'",
        "k8s_external {\\n ttl -1\\n} => Corefile:2:6: k8s_external: ttl must be between 0 and 3600, got '-1'",
        "k8s_external {\\n ttl five\\n} => Corefile:2:6: k8s_external: ttl must be a whole number, got 'five'",
        "k8s_external {\\n apex\\n} => Corefile:2:2: apex: missing argument, expected apex APEX",
        "k8s_external {\\n apex dns.\\n} => Corefile:2:7: k8s_external: apex must be a relative name such as dns, got 'dns.'",
        "k8s_external {\\n apex a..b\\n} => Corefile:2:7: k8s_external: apex must be a relative name such as dns, got 'a..b'",
        "k8s_external {\\n headless yes\\n} => Corefile:2:11: unexpected argument 'yes': headless takes no arguments",
        "k8s_external {\\n headles\\n} => Corefile:2:2: k8s_external: unknown property 'headles'; did you mean 'headless'?",
        "k8s_external {\\n upstream\\n} => Corefile:2:2: k8s_external: unknown property 'upstream'; expected one of apex, ttl, headless, fallthrough",
        "k8s_external {\\n fallthrough bad..zone\\n} => Corefile:2:14: k8s_external: invalid fallthrough zone 'bad..zone': invalid empty label",
        "k8s_external bad..zone => Corefile:1:14: k8s_external: 'bad..zone' is not a zone name or CIDR",
        "k8s_external 10.0.0.0/33 => Corefile:1:14: k8s_external: '10.0.0.0/33' is not a CIDR such as 10.96.0.0/12",
        "k8s_external in-addr.arpa => Corefile:1:14: k8s_external: needs a zone that is not a reverse zone, got only [in-addr.arpa.]",
      })
  void rejectsBadDirectivesNamingTheToken(String snippet, String message) {
    assertRejected(snippet, message, d -> ExternalSetup.parse(d, context));
  }

  @Test
  void needsTheKubernetesPluginInTheSameBlock() {
    CorefileException e =
        assertThrows(
            CorefileException.class,
            () -> ExternalSetup.parse(directive("k8s_external"), new FakeSetupContext("example.com.")));
    assertEquals(
        "Corefile:1:1: k8s_external: needs the kubernetes plugin in the same server block",
        e.getMessage());
  }

  private static List<Name> names(String... names) {
    return java.util.Arrays.stream(names).map(Name::fromConstantString).toList();
  }
}
