package io.clusterdns.plugin.loadbalance;

import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadbalanceSetupTest {
  @Test
  void isRegisteredUnderItsDirectiveName() {
    assertEquals(LoadbalanceSetup.class, PluginRegistry.load().find("loadbalance").map(Object::getClass).orElse(null));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "loadbalance => []",
        "loadbalance round_robin => []",
        "loadbalance {\\n prefer 10.0.0.0/8\\n} => [10.0.0.0/8]",
        "loadbalance round_robin {\\n prefer 10.1.2.3/8 fd00::/64\\n prefer 192.168.0.0/24\\n} => [10.1.2.3/8, fd00::/64, 192.168.0.0/24]",
      })
  void readsValidForms(String snippet, String prefer) throws CorefileException {
    assertEquals(prefer, LoadbalanceSetup.parse(directive(snippet.replace("\\n", "\n"))).prefer().toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "loadbalance random => Corefile:1:13: loadbalance: unknown policy 'random', expected round_robin",
        "loadbalance weighted /etc/weights => Corefile:1:13: loadbalance: policy 'weighted' is not supported, only round_robin",
        "loadbalance round_robin extra => Corefile:1:25: loadbalance: unexpected argument 'extra', expected loadbalance [round_robin]",
        "loadbalance a b c => Corefile:1:17: loadbalance: unexpected argument 'c', expected loadbalance [round_robin]",
        "loadbalance {\\n prefer\\n} => Corefile:2:2: prefer: missing argument, expected prefer CIDR...",
        "loadbalance {\\n prefer 10.0.0.1\\n} => Corefile:2:9: loadbalance: '10.0.0.1' is not a CIDR such as 10.0.0.0/8 or fd00::/64",
        "loadbalance {\\n prefer 10.0.0.0/33\\n} => Corefile:2:9: loadbalance: '10.0.0.0/33' is not a CIDR such as 10.0.0.0/8 or fd00::/64",
        "loadbalance {\\n prefer fd00::/129\\n} => Corefile:2:9: loadbalance: 'fd00::/129' is not a CIDR such as 10.0.0.0/8 or fd00::/64",
        "loadbalance {\\n prefer example.com/8\\n} => Corefile:2:9: loadbalance: 'example.com/8' is not a CIDR such as 10.0.0.0/8 or fd00::/64",
        "loadbalance {\\n prefer 10.0.0.0/x\\n} => Corefile:2:9: loadbalance: '10.0.0.0/x' is not a CIDR such as 10.0.0.0/8 or fd00::/64",
        "loadbalance {\\n reload 10s\\n} => Corefile:2:2: loadbalance: reload applies only to the weighted policy, which is not supported",
        "loadbalance {\\n prefr 10.0.0.0/8\\n} => Corefile:2:2: loadbalance: unknown property 'prefr'; did you mean 'prefer'?",
        "loadbalance {\\n prefer 10.0.0.0/8 {\\n }\\n} => Corefile:2:2: plugin prefer takes no block",
      })
  void rejectsBadFormsNamingTheToken(String snippet, String expected) {
    CorefileException e = assertThrows(CorefileException.class,
        () -> LoadbalanceSetup.parse(directive(snippet.replace("\\n", "\n"))));
    assertEquals(expected, e.getMessage());
  }
}
