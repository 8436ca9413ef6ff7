package io.clusterdns.plugin.whoami;

import static io.clusterdns.plugin.testkit.CorefileSnippets.assertRejected;
import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WhoamiSetupTest {
  @org.junit.jupiter.api.Test
  void isRegisteredUnderItsDirectiveName() {
    assertEquals(
        WhoamiSetup.class,
        io.clusterdns.plugin.PluginRegistry.load().find("whoami").map(Object::getClass).orElse(null));
  }

  private final WhoamiSetup setup = new WhoamiSetup();

  @ParameterizedTest
  @ValueSource(strings = {"whoami"})
  void acceptsTheBareDirective(String snippet) throws CorefileException {
    assertNotNull(setup.setup(directive(snippet), new FakeSetupContext(".")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "whoami example.org | Corefile:1:8: unexpected argument 'example.org': whoami takes no arguments",
        "whoami {\\n}        | Corefile:1:1: plugin whoami takes no block",
      })
  void rejectsArgumentsAndBlocks(String snippet, String message) {
    assertRejected(snippet, message, d -> setup.setup(d, new FakeSetupContext(".")));
  }
}
