package io.clusterdns.config;

import static io.clusterdns.config.Corefiles.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every syntax error names its place, the bad token, and what was expected instead. */
class ErrorMessagesTest {

  private static void assertError(String text, String expectedMessage) {
    assertEquals(expectedMessage, error(text).getMessage());
  }

  @Test
  void missingCloseOfAServerBlockNamesWhereItOpened() {
    assertError(
        "a.org {\n log\n",
        "Corefile:1:7: missing '}': the '{' of the server block opened on line 1 is never"
            + " closed; expected '}' before the end of the file");
  }

  @Test
  void missingCloseOfADirectiveBlockNamesTheDirectiveAndLine() {
    assertError(
        "a.org {\n log\n kubernetes cluster.local {\n  pods insecure\n",
        "Corefile:3:27: missing '}': the '{' of 'kubernetes' opened on line 3 is never closed;"
            + " expected '}' before the end of the file");
  }

  @Test
  void missingCloseOfASnippetNamesIt() {
    assertError(
        "(common) {\n log\n",
        "Corefile:1:10: missing '}': the '{' of snippet 'common' opened on line 1 is never"
            + " closed; expected '}' before the end of the file");
  }

  @Test
  void unexpectedCloseAtTheTopLevel() {
    assertError(
        "a.org {\n}\n}\n",
        "Corefile:3:1: unexpected '}': there is no open block for it to close; expected a"
            + " directive or the end of the file");
  }

  @Test
  void unexpectedCloseInAServerBlockWithoutBraces() {
    assertError(
        "a.org\n log\n }\n",
        "Corefile:3:2: unexpected '}': there is no open block for it to close; expected a"
            + " directive or the end of the file");
  }

  @Test
  void openBraceNotAtTheEndOfItsLine() {
    assertError(
        "a.org {\n cache { success 100\n  denial 10\n }\n}",
        "Corefile:2:8: '{' must be the last token on its line (or the block must close on the"
            + " same line, as in 'foo { bar }'); found 'success' after it and the block"
            + " continues on the next line");
  }

  @Test
  void openBraceAtTheStartOfALine() {
    assertError(
        "a.org {\n cache\n {\n  success 100\n }\n}",
        "Corefile:3:2: unexpected '{' at the start of a line; expected a directive name before"
            + " it on the same line");
  }

  @Test
  void textAfterACloseBraceOnTheSameLine() {
    assertError(
        "a.org {\n health {\n  lameduck 5s\n } ready\n}",
        "Corefile:4:4: unexpected 'ready' after '}' on the same line; expected the end of the"
            + " line");
  }

  @Test
  void textAfterTheCloseBraceOfASnippet() {
    assertError(
        "(s) { log } a.org {\n}",
        "Corefile:1:13: unexpected 'a.org' after '}' on the same line; expected the end of the"
            + " line");
  }

  @Test
  void serverBlockWithoutKeys() {
    assertError(
        "# nothing before the brace\n{\n log\n}",
        "Corefile:2:1: server block has no keys: expected one or more keys such as example.org"
            + " or .:53 before '{'");
  }

  @Test
  void trailingCommaWithoutAnotherKey() {
    assertError(
        "a.org, {\n}",
        "Corefile:1:1: expected another key after the trailing ',' in 'a.org,' but found '{'");
  }

  @Test
  void portThatIsNotANumber() {
    assertError(
        "a.org:dns {\n}",
        "Corefile:1:1: bad port 'dns' in key 'a.org:dns': expected a number from 0 to 65535");
  }

  @Test
  void portOutOfRange() {
    assertError(
        "b.org {\n}\n  a.org:65536 {\n}",
        "Corefile:3:3: bad port '65536' in key 'a.org:65536': expected a number from 0 to"
            + " 65535");
  }

  @Test
  void emptyPort() {
    assertError(
        "a.org: {\n}", "Corefile:1:1: bad port '' in key 'a.org:': expected a number from 0 to"
            + " 65535");
  }

  @Test
  void cidrWithABadAddress() {
    assertError(
        "10.96.0/12 {\n}",
        "Corefile:1:1: bad CIDR '10.96.0/12' in key '10.96.0/12': '10.96.0' is not an IPv4 or"
            + " IPv6 address; expected a network such as 10.96.0.0/12 or fd00::/108");
  }

  @Test
  void cidrWithABadPrefixLength() {
    assertError(
        "10.0.0.0/33:53 {\n}",
        "Corefile:1:1: bad CIDR '10.0.0.0/33' in key '10.0.0.0/33:53': the prefix length must"
            + " be a number from 0 to 32; expected a network such as 10.96.0.0/12 or"
            + " fd00::/108");
  }

  @Test
  void ipv6CidrWithABadPrefixLength() {
    assertError(
        "fd00::/129 {\n}",
        "Corefile:1:1: bad CIDR 'fd00::/129' in key 'fd00::/129': the prefix length must be a"
            + " number from 0 to 128; expected a network such as 10.96.0.0/12 or fd00::/108");
  }

  @Test
  void zoneWithAnEmptyLabel() {
    assertError(
        "a..org {\n}",
        "Corefile:1:1: invalid zone 'a..org' in key 'a..org': it has an empty label; expected"
            + " labels separated by single dots");
  }

  @Test
  void zoneWithALabelLongerThan63() {
    String label = "x".repeat(64);
    assertError(
        label + ".org {\n}",
        "Corefile:1:1: invalid zone '" + label + ".org' in key '" + label + ".org': label '"
            + label + "' has 64 characters; expected at most 63");
  }

  @Test
  void zoneLongerThan255() {
    String zone = ("y".repeat(60) + ".").repeat(4) + "abcdefghij";
    assertError(
        zone + " {\n}",
        "Corefile:1:1: invalid zone '" + zone + "' in key '" + zone + "': it is 256 octets"
            + " long; expected at most 255");
  }

  @Test
  void zoneRunIntoItsBrace() {
    assertError(
        "a.org{\n log\n}",
        "Corefile:1:1: invalid zone 'a.org{' in key 'a.org{': it contains '{'; expected a"
            + " domain name such as example.org (is a space missing before the brace?)");
  }

  @Test
  void sameZoneAndPortInTwoBlocks() {
    assertError(
        "a.org:53 {\n}\nb.org {\n}\nc.org A.ORG.:53 {\n}",
        "Corefile:5:7: duplicate key 'A.ORG.:53': zone a.org. port 53 is already served by key"
            + " 'a.org:53' at Corefile:1:1 (line 1); expected each zone and port in one server"
            + " block only");
  }

  @Test
  void sameReverseZoneFromANetworkAndAName() {
    assertError(
        "96.10.in-addr.arpa {\n}\n10.96.0.0/12 {\n}",
        "Corefile:3:1: duplicate key '10.96.0.0/12': zone 96.10.in-addr.arpa. on the default"
            + " port is already served by key '96.10.in-addr.arpa' at Corefile:1:1 (line 1);"
            + " expected each zone and port in one server block only");
  }

  @Test
  void unterminatedQuotedStringNamesWhereItOpened() {
    assertError(
        "a.org {\n log \"{remote}\n}\n",
        "Corefile:2:6: unterminated quoted string: the '\"' here opens a string that is never"
            + " closed; expected a closing '\"' before the end of the file");
  }

  @Test
  void unknownSnippetThatIsNotAFile() {
    assertError(
        "a.org {\n import commn\n}",
        "Corefile:2:9: import 'commn': no snippet of that name is defined above this line and"
            + " there is no file " + Corefiles.NO_IMPORTS.resolve("commn") + "; expected a"
            + " snippet defined before its use, or an existing file");
  }

  @Test
  void importCycle() {
    assertError(
        "(a) {\n import a\n}\nx.org {\n import a\n}",
        "Corefile:2:9: import cycle: snippet 'a' (imported at Corefile:5:9) -> snippet 'a'"
            + " (imported at Corefile:2:9); expected imports that do not lead back to"
            + " themselves");
  }

  @Test
  void importsThatMultiplyWithoutEnd() {
    StringBuilder text = new StringBuilder("(s0) {\n log\n}\n");
    for (int i = 1; i <= 14; i++) {
      text.append("(s").append(i).append(") {\n import s").append(i - 1).append("\n import s")
          .append(i - 1).append("\n}\n");
    }
    text.append("a.org {\n import s14\n}\n");
    CorefileException e = error(text.toString());
    assertTrue(e.problem().startsWith("too many imports (more than 10000)"), e.getMessage());
  }

  @Test
  void importOfAnEmptyVariable() {
    assertError(
        "a.org {\n import {$UNSET}\n}",
        "Corefile:2:9: import argument '{$UNSET}' is empty because environment variable UNSET is"
            + " not set; expected a snippet name or a file to import");
  }

  @Test
  void importOfSomethingThatIsNotARegularFile() {
    assertError(
        "a.org {\n import /dev/null\n}",
        "Corefile:2:9: import '/dev/null': /dev/null is not a regular file; expected a file");
  }

  @Test
  void snippetNameWithoutBrace() {
    assertError(
        "(common)\n log\n",
        "Corefile:1:1: snippet definition '(common)' must be followed by '{' on the same line;"
            + " found 'log'");
  }

  @Test
  void snippetWithoutName() {
    assertError(
        "() {\n}\n", "Corefile:1:1: snippet has no name: expected a name inside '()', as in"
            + " (common)");
  }

  @Test
  void emptyCorefile() {
    assertError(
        "",
        "Corefile:1:1: no server blocks: expected at least one server block such as"
            + " '.:53 { ... }'");
  }

  @Test
  void corefileWithOnlyCommentsAndSnippets() {
    assertError(
        "# just a comment\n(s) {\n log\n}\n",
        "Corefile:1:1: no server blocks: expected at least one server block such as"
            + " '.:53 { ... }'");
  }

  @Test
  void unreadableCorefileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("Corefile");
    CorefileException e =
        assertThrows(CorefileException.class, () -> CorefileParser.parseFile(missing));
    assertEquals(new Location(missing.toString(), 1, 1), e.location());
    assertTrue(e.problem().startsWith("cannot read Corefile " + missing + ": NoSuchFileException"),
        e.problem());
  }

  @Test
  void theExceptionSeparatesLocationAndProblem() {
    CorefileException e = error("a.org:x {\n}");
    assertEquals(new Location("Corefile", 1, 1), e.location());
    assertEquals("bad port 'x' in key 'a.org:x': expected a number from 0 to 65535", e.problem());
  }
}
