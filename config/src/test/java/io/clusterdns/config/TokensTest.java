package io.clusterdns.config;

import static io.clusterdns.config.Corefiles.parse;
import static io.clusterdns.config.Corefiles.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokensTest {

  private static Directive onlyDirective(String blockBody) throws CorefileException {
    return parse("a.org {\n" + blockBody + "\n}").blocks().get(0).directives().get(0);
  }

  @Test
  void aHashStartingAWordCommentsOutTheRestOfTheLine() throws CorefileException {
    assertEquals(
        "a.org. {log; cache 30#tail}",
        shape(parse("# top comment { not a block\na.org { # after brace\n log # x y\n"
            + "  # whole line } \n cache 30#tail\n}")));
  }

  @Test
  void aHashInsideAWordIsLiteral() throws CorefileException {
    assertEquals("rewrite a#b c#", shape(onlyDirective(" rewrite a#b c#")));
  }

  @Test
  void aHashInsideQuotesIsLiteral() throws CorefileException {
    assertEquals("log \"# not a comment\"", shape(onlyDirective(" log \"# not a comment\"")));
  }

  @Test
  void aQuotedStringKeepsItsSpacesAndIsMarkedQuoted() throws CorefileException {
    Directive log = onlyDirective(" log \"{remote} - {type} {name}\" plain");
    assertEquals("{remote} - {type} {name}", log.args().get(0).text());
    assertTrue(log.args().get(0).quoted());
    assertFalse(log.args().get(1).quoted());
  }

  @Test
  void backslashQuoteEscapesAQuoteAndOtherBackslashesStay() throws CorefileException {
    Directive directive = onlyDirective(" answer \"say \\\"hi\\\" to C:\\dir\\\\\"");
    assertEquals("say \"hi\" to C:\\dir\\\\", directive.args().get(0).text());
  }

  @Test
  void aQuotedStringMaySpanLines() throws CorefileException {
    Directive directive =
        parse("a.org {\n txt \"line one\nline two\" after\n next\n}").blocks().get(0)
            .directives().get(0);
    assertEquals("line one\nline two", directive.args().get(0).text());
    assertEquals("after", directive.args().get(1).text());
    assertEquals(new Location("Corefile", 3, 11), directive.args().get(1).location());
  }

  @Test
  void anEmptyQuotedStringIsAnArgument() throws CorefileException {
    assertEquals("x \"\" y", shape(onlyDirective(" x \"\" y")));
  }

  @Test
  void aQuoteEndsTheWordItStarts() throws CorefileException {
    assertEquals("x \"ab\" cd", shape(onlyDirective(" x \"ab\"cd")));
  }

  @Test
  void aQuoteInsideAWordIsLiteral() throws CorefileException {
    assertEquals("x a\"b", shape(onlyDirective(" x a\"b")));
  }

  @Test
  void windowsLineEndingsAndTabsAreWhitespace() throws CorefileException {
    assertEquals("a.org. {log stdout; cache}",
        shape(parse("a.org {\r\n\tlog\tstdout\r\n\tcache\r\n}\r\n")));
  }

  @Test
  void backticksAreOrdinaryCharactersAsInCoreDns() throws CorefileException {
    Directive directive = onlyDirective(" x `a b`");
    assertEquals("`a", directive.args().get(0).text());
    assertEquals("b`", directive.args().get(1).text());
  }
}
