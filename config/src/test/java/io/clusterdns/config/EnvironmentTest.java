package io.clusterdns.config;

import static io.clusterdns.config.Corefiles.error;
import static io.clusterdns.config.Corefiles.parse;
import static io.clusterdns.config.Corefiles.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {
  private static final Map<String, String> ENV =
      Map.of(
          "ZONE", "Cluster.Local",
          "PORT", "1053",
          "UPSTREAMS", "1.1.1.1 8.8.8.8",
          "EMPTY", "",
          "NESTED", "{$ZONE}",
          "ZONES", "a.org,b.org");

  private static Directive directive(String line) throws CorefileException {
    return parse("a.org {\n" + line + "\n}", ENV).blocks().get(0).directives().get(0);
  }

  @Test
  void substitutesUnixStyleReferencesInKeysAndArguments() throws CorefileException {
    assertEquals(
        "cluster.local.:1053 {forward . x-1053-y}",
        shape(parse("{$ZONE}:{$PORT} {\n forward . x-{$PORT}-y\n}", ENV)));
  }

  @Test
  void substitutesWindowsStyleReferences() throws CorefileException {
    assertEquals("cluster.local.:1053 {log 1053}",
        shape(parse("{%ZONE%}:{$PORT} {\n log {%PORT%}\n}", ENV)));
  }

  @Test
  void aValueWithSpacesStaysOneArgument() throws CorefileException {
    Directive forward = directive(" forward . {$UPSTREAMS}");
    assertEquals(2, forward.args().size());
    assertEquals("1.1.1.1 8.8.8.8", forward.args().get(1).text());
  }

  @Test
  void substitutesInsideQuotedStrings() throws CorefileException {
    Token arg = directive(" log \"zone {$ZONE} port {%PORT%}\"").args().get(0);
    assertEquals("zone Cluster.Local port 1053", arg.text());
    assertTrue(arg.quoted());
  }

  @Test
  void anUnsetVariableBecomesEmptyAsInCoreDns() throws CorefileException {
    Directive directive = directive(" log pre{$UNSET}post {$UNSET} {%UNSET%}");
    assertEquals("log prepost  ", shape(directive));
    assertEquals(3, directive.args().size());
    assertEquals(new Location("Corefile", 2, 22), directive.args().get(1).location());
  }

  @Test
  void aDefaultIsUsedWhenTheVariableIsUnsetOrEmpty() throws CorefileException {
    assertEquals("cache 30 60 1053",
        shape(directive(" cache {$UNSET:30} {$EMPTY:60} {$PORT:99}")));
  }

  @Test
  void aDefaultMayBeEmptyOrContainColons() throws CorefileException {
    assertEquals("x a b:c:d", shape(directive(" x a{$UNSET:} {$UNSET:b:c:d}")));
  }

  @Test
  void incompleteReferencesStayLiteral() throws CorefileException {
    assertEquals("x {$} {%%} {$ZONE {%ZONE}", shape(directive(" x {$} {%%} {$ZONE {%ZONE}")));
  }

  @Test
  void substitutedValuesAreNotScannedAgain() throws CorefileException {
    assertEquals("x {$ZONE}", shape(directive(" x {$NESTED}")));
  }

  @Test
  void aVariableMayHoldSeveralCommaSeparatedKeys() throws CorefileException {
    assertEquals("a.org. b.org. {}", shape(parse("{$ZONES} {\n}", ENV)));
  }

  @Test
  void aVariableMayNameTheDirective() throws CorefileException {
    assertEquals("whoami", shape(parse("a.org {\n {$DIRECTIVE}\n}",
        Map.of("DIRECTIVE", "whoami")).blocks().get(0).directives().get(0)));
  }

  @Test
  void aKeyEmptiedByAnUnsetVariableIsAnErrorNamingIt() {
    CorefileException e = error("a.org {$UNSET} {\n}", ENV);
    assertEquals(
        "Corefile:1:7: server block key '{$UNSET}' is empty because environment variable UNSET"
            + " is not set; expected a zone such as example.org or .:53",
        e.getMessage());
  }

  @Test
  void aKeyEmptiedByAnEmptyVariableIsAnErrorSayingSo() {
    CorefileException e = error("{%EMPTY%} {\n}", ENV);
    assertTrue(e.getMessage().startsWith("Corefile:1:1: server block key '{%EMPTY%}' is empty"
        + " because environment variable EMPTY is set but empty"), e.getMessage());
  }

  @Test
  void aKeyEmptiedNextToACommaIsStillAnError() {
    CorefileException e = error("a.org, {$UNSET}, b.org {\n}", ENV);
    assertTrue(e.getMessage().startsWith("Corefile:1:8: server block key '{$UNSET},' is empty"
        + " because environment variable UNSET is not set"), e.getMessage());
  }

  @Test
  void aDirectiveNameEmptiedByAVariableIsAnErrorNamingIt() {
    CorefileException e = error("a.org {\n  {$NAME}{$OTHER} arg\n}", ENV);
    assertEquals(
        "Corefile:2:3: directive name '{$NAME}{$OTHER}' is empty because environment variable"
            + " NAME is not set and environment variable OTHER is not set; expected a directive"
            + " name",
        e.getMessage());
  }
}
