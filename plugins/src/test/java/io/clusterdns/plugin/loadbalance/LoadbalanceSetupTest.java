package io.clusterdns.plugin.loadbalance;

import static io.clusterdns.plugin.testkit.CorefileSnippets.assertRejected;
import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static io.clusterdns.plugin.testkit.CorefileSnippets.oneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadbalanceSetupTest {
  private final FakeSetupContext context = new FakeSetupContext(Path.of("/srv/dns"), "cluster.local.");

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
    LoadbalanceOptions options = LoadbalanceSetup.parse(oneLine(snippet), context);
    assertEquals(prefer, options.prefer().toString());
    assertEquals(Optional.empty(), options.weightFile());
  }

  @Test
  void weightedReadsItsFileAgainstTheCorefileDirectoryAndItsReloadInterval() throws CorefileException {
    LoadbalanceOptions defaults = LoadbalanceSetup.parse(directive("loadbalance weighted weights.txt"), context);
    assertEquals(Optional.of(Path.of("/srv/dns/weights.txt")), defaults.weightFile());
    assertEquals(Duration.ofSeconds(30), defaults.reload());

    LoadbalanceOptions set = LoadbalanceSetup.parse(directive("loadbalance weighted /etc/w {\n reload 0s\n}"), context);
    assertEquals(Optional.of(Path.of("/etc/w")), set.weightFile());
    assertEquals(Duration.ZERO, set.reload());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "loadbalance random => Corefile:1:13: loadbalance: unknown policy 'random', expected round_robin or weighted",
        "loadbalance weighted => Corefile:1:1: loadbalance: missing argument, expected loadbalance [round_robin | weighted WEIGHTFILE]",
        "loadbalance round_robin extra => Corefile:1:25: loadbalance: unexpected argument 'extra', expected loadbalance [round_robin | weighted WEIGHTFILE]",
        "loadbalance a b c => Corefile:1:17: loadbalance: unexpected argument 'c', expected loadbalance [round_robin | weighted WEIGHTFILE]",
        "loadbalance {\\n prefer\\n} => Corefile:2:2: prefer: missing argument, expected prefer CIDR...",
        "loadbalance {\\n prefer 10.0.0.1\\n} => Corefile:2:9: loadbalance: '10.0.0.1' is not a CIDR such as 10.0.0.0/8 or fd00::/64",
        "loadbalance {\\n prefer 10.0.0.0/33\\n} => Corefile:2:9: loadbalance: '10.0.0.0/33' is not a CIDR such as 10.0.0.0/8 or fd00::/64",
        "loadbalance {\\n prefer fd00::/129\\n} => Corefile:2:9: loadbalance: 'fd00::/129' is not a CIDR such as 10.0.0.0/8 or fd00::/64",
        "loadbalance {\\n prefer example.com/8\\n} => Corefile:2:9: loadbalance: 'example.com/8' is not a CIDR such as 10.0.0.0/8 or fd00::/64",
        "loadbalance {\\n prefer 10.0.0.0/x\\n} => Corefile:2:9: loadbalance: '10.0.0.0/x' is not a CIDR such as 10.0.0.0/8 or fd00::/64",
        "loadbalance {\\n reload 10s\\n} => Corefile:2:2: loadbalance: reload applies only to the weighted policy",
        "loadbalance weighted w {\\n prefer 10.0.0.0/8\\n} => Corefile:2:2: loadbalance: prefer applies only to the round_robin policy",
        "loadbalance weighted w {\\n reload\\n} => Corefile:2:2: reload: missing argument, expected reload DURATION (0s disables)",
        "loadbalance weighted w {\\n reload soon\\n} => Corefile:2:9: loadbalance reload must be a duration such as 5s, got 'soon'",
        "loadbalance {\\n prefr 10.0.0.0/8\\n} => Corefile:2:2: loadbalance: unknown property 'prefr'; did you mean 'prefer'?",
        "loadbalance {\\n prefer 10.0.0.0/8 {\\n }\\n} => Corefile:2:2: plugin prefer takes no block",
      })
  void rejectsBadFormsNamingTheToken(String snippet, String expected) {
    assertRejected(snippet, expected, d -> LoadbalanceSetup.parse(d, context));
  }
}
