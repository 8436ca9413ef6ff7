package io.clusterdns.plugin.errors;

import static io.clusterdns.plugin.testkit.CorefileSnippets.assertRejected;
import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.CorefileException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.event.Level;

class ErrorsSetupTest {
  @org.junit.jupiter.api.Test
  void isRegisteredUnderItsDirectiveName() {
    assertEquals(
        ErrorsSetup.class,
        io.clusterdns.plugin.PluginRegistry.load().find("errors").map(Object::getClass).orElse(null));
  }

  @Test
  void bareDirectiveLogsEveryErrorWithoutStackTrace() throws CorefileException {
    ErrorsOptions options = ErrorsSetup.parse(directive("errors"));

    assertFalse(options.stacktrace());
    assertEquals(List.of(), options.consolidations());
  }

  @Test
  void blockSetsStacktraceAndConsolidationRulesInOrder() throws CorefileException {
    ErrorsOptions options =
        ErrorsSetup.parse(
            directive(
                """
                errors stdout {
                    stacktrace
                    consolidate 5m ".* i/o timeout$" warning
                    consolidate 30s "^Failed to .+" show_first
                    consolidate 1m30s boom debug show_first
                }
                """));

    assertTrue(options.stacktrace());
    List<Consolidation> rules = options.consolidations();
    assertEquals(3, rules.size());
    assertEquals(Duration.ofMinutes(5), rules.get(0).period());
    assertEquals(".* i/o timeout$", rules.get(0).pattern().pattern());
    assertEquals(Level.WARN, rules.get(0).level());
    assertFalse(rules.get(0).showFirst());
    assertEquals(Level.ERROR, rules.get(1).level());
    assertTrue(rules.get(1).showFirst());
    assertEquals(Duration.ofSeconds(90), rules.get(2).period());
    assertEquals(Level.DEBUG, rules.get(2).level());
    assertTrue(rules.get(2).showFirst());
    assertEquals("5m0s", rules.get(0).periodText());
    assertEquals("1m30s", rules.get(2).periodText());
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '`',
      value = {
        "errors stderr => Corefile:1:8: errors: invalid log target 'stderr', only stdout is supported",
        "errors stdout more => Corefile:1:15: errors: unexpected argument 'more', expected errors [stdout]",
        "errors {\\n stacktrac\\n} => Corefile:2:2: errors: unknown property 'stacktrac'; did you mean 'stacktrace'?",
        "errors {\\n stacktrace yes\\n} => Corefile:2:13: unexpected argument 'yes': stacktrace takes no arguments",
        "errors {\\n consolidate 5s\\n} => Corefile:2:2: consolidate: missing argument, expected consolidate DURATION REGEXP [warning|error|info|debug] [show_first]",
        "errors {\\n consolidate soon x\\n} => Corefile:2:14: consolidate period must be a duration such as 5s, got 'soon'",
        "errors {\\n consolidate 0s x\\n} => Corefile:2:14: consolidate period must be positive, got '0s'",
        "errors {\\n consolidate 5s (x\\n} => Corefile:2:17: consolidate: invalid regular expression '(x': Unclosed group",
        "errors {\\n consolidate 5s x loud\\n} => Corefile:2:19: consolidate: unexpected 'loud', expected consolidate DURATION REGEXP [warning|error|info|debug] [show_first]",
        "errors {\\n consolidate 5s x show_first info\\n} => Corefile:2:19: consolidate: unexpected 'show_first', expected consolidate DURATION REGEXP [warning|error|info|debug] [show_first]",
      })
  void rejectsBadDirectivesNamingTheToken(String snippet, String message) {
    assertRejected(snippet, message, ErrorsSetup::parse);
  }
}
