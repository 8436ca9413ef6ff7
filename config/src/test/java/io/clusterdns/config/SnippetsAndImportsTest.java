package io.clusterdns.config;

import static io.clusterdns.config.Corefiles.error;
import static io.clusterdns.config.Corefiles.parse;
import static io.clusterdns.config.Corefiles.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnippetsAndImportsTest {
  @TempDir Path dir;

  private Corefile parseIn(String text) throws CorefileException {
    return CorefileParser.parse(text, "Corefile", dir, Map.of("CONF", "extra.conf")::get);
  }

  private CorefileException errorIn(String text) {
    return assertThrows(CorefileException.class, () -> parseIn(text));
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void aSnippetIsPastedWhereItIsImported() throws CorefileException {
    Corefile corefile =
        parse("(common) {\n errors\n cache 30 {\n  disable denial\n }\n}\n"
            + "a.org {\n whoami\n import common\n log\n}\nb.org {\n import common\n}");
    assertEquals(
        "a.org. {whoami; errors; cache 30 {disable denial}; log}\n"
            + "b.org. {errors; cache 30 {disable denial}}",
        shape(corefile));
  }

  @Test
  void aSnippetIsNotAServerBlock() throws CorefileException {
    assertEquals("a.org. {}", shape(parse("(unused) {\n log\n}\na.org {\n}")));
  }

  @Test
  void importedSnippetTokensKeepTheirOwnLocations() throws CorefileException {
    Directive errors =
        parse("(common) {\n  errors\n}\na.org {\n import common\n}").blocks().get(0)
            .directives().get(0);
    assertEquals(new Location("Corefile", 2, 3), errors.location());
  }

  @Test
  void aOneLineSnippetWorks() throws CorefileException {
    assertEquals("a.org. {whoami; log}", shape(parse("(w) { whoami }\na.org {\n import w\n log\n}")));
  }

  @Test
  void aSnippetMayBeImportedInsideADirectiveBlock() throws CorefileException {
    assertEquals(
        "a.org. {kubernetes cluster.local {pods insecure; ttl 5}}",
        shape(parse("(k8s) {\n pods insecure\n ttl 5\n}\n"
            + "a.org {\n kubernetes cluster.local {\n  import k8s\n }\n}")));
  }

  @Test
  void aSnippetMayHoldWholeServerBlocksForTheTopLevel() throws CorefileException {
    assertEquals(
        "a.org. {log}\nb.org. {log}",
        shape(parse("(zones) {\n a.org {\n  log\n }\n b.org {\n  log\n }\n}\nimport zones")));
  }

  @Test
  void aSnippetMayImportAnotherSnippetDefinedBeforeItIsUsed() throws CorefileException {
    assertEquals(
        "a.org. {log; errors}",
        shape(parse("(outer) {\n import inner\n errors\n}\n(inner) {\n log\n}\n"
            + "a.org {\n import outer\n}")));
  }

  @Test
  void aSnippetMustBeDefinedBeforeItIsUsed() {
    CorefileException e = error("a.org {\n import later\n}\n(later) {\n log\n}");
    assertTrue(
        e.getMessage().startsWith("Corefile:2:9: import 'later': no snippet of that name is"
            + " defined above this line and there is no file"),
        e.getMessage());
  }

  @Test
  void snippetArgumentsAreNotSupportedAsInCoreDns() {
    CorefileException e = error("(s) {\n log {args[0]}\n}\na.org {\n import s stdout\n}");
    assertEquals("Corefile:5:11: unexpected 'stdout': 'import' takes one argument; expected the"
        + " end of the line", e.getMessage());
  }

  @Test
  void aSnippetDefinedTwiceIsAnError() {
    CorefileException e = error("(s) {\n}\n(s) {\n log\n}\na.org {\n}");
    assertEquals("Corefile:3:1: snippet 's' is already defined at Corefile:1:1; expected each"
        + " snippet name once", e.getMessage());
  }

  @Test
  void aSnippetThatImportsItselfIsACycle() {
    CorefileException e = error("(loop) {\n log\n import loop\n}\na.org {\n import loop\n}");
    assertEquals(
        "Corefile:3:9: import cycle: snippet 'loop' (imported at Corefile:6:9) -> snippet"
            + " 'loop' (imported at Corefile:3:9); expected imports that do not lead back to"
            + " themselves",
        e.getMessage());
  }

  @Test
  void twoSnippetsImportingEachOtherAreACycle() {
    CorefileException e =
        error("(a) {\n import b\n}\n(b) {\n import a\n}\nx.org {\n import a\n}");
    assertTrue(
        e.getMessage().startsWith("Corefile:5:9: import cycle: snippet 'a' (imported at"
            + " Corefile:8:9) -> snippet 'b' (imported at Corefile:2:9) -> snippet 'a'"
            + " (imported at Corefile:5:9)"),
        e.getMessage());
  }

  @Test
  void importsAFileIntoABlockRelativeToTheBaseDirectory() throws Exception {
    write("common.conf", "errors\nlog {\n class denial\n}\n");
    assertEquals("a.org. {whoami; errors; log {class denial}; ready}",
        shape(parseIn("a.org {\n whoami\n import common.conf\n ready\n}")));
  }

  @Test
  void importedTokensNameTheImportedFile() throws Exception {
    Path file = write("common.conf", "\n  errors\n");
    Directive errors =
        parseIn("a.org {\n import common.conf\n}").blocks().get(0).directives().get(0);
    assertEquals(new Location(file.toString(), 2, 3), errors.location());
  }

  @Test
  void importsServerBlocksAtTheTopLevel() throws Exception {
    write("zones.conf", "b.org {\n log\n}\n");
    assertEquals("a.org. {}\nb.org. {log}\nc.org. {}",
        shape(parseIn("a.org {\n}\nimport zones.conf\nc.org {\n}")));
  }

  @Test
  void importsEveryFileAGlobMatchesInNameOrder() throws Exception {
    write("conf.d/b.conf", "b.org {\n}\n");
    write("conf.d/a.conf", "a.org {\n}\n");
    write("conf.d/skip.txt", "skip.org {\n}\n");
    Files.createDirectories(dir.resolve("conf.d/c.conf"));
    assertEquals("a.org. {}\nb.org. {}", shape(parseIn("import conf.d/*.conf")));
  }

  @Test
  void aGlobThatMatchesNothingImportsNothingAndWarns() throws Exception {
    Logger logger = Logger.getLogger(CorefileParser.class.getName());
    List<String> warnings = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel() == Level.WARNING) {
              warnings.add(MessageFormat.format(record.getMessage(), record.getParameters()));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    try {
      assertEquals("a.org. {log}",
          shape(parseIn("import conf.d/*.conf\na.org {\n import none/*\n log\n}")));
    } finally {
      logger.removeHandler(handler);
    }
    assertEquals(
        List.of(
            "Corefile:1:8: no files match import pattern conf.d/*.conf; importing nothing",
            "Corefile:3:9: no files match import pattern none/*; importing nothing"),
        warnings);
  }

  @Test
  void wildcardsOutsideTheFileNameAreAnError() {
    CorefileException e = errorIn("import */x.conf");
    assertEquals("Corefile:1:8: import '*/x.conf': wildcards are only allowed in the file"
        + " name; expected a pattern such as conf.d/*.conf", e.getMessage());
  }

  @Test
  void aFileImportsRelativeToItsOwnDirectory() throws Exception {
    write("sub/zone.conf", "a.org {\n import more.conf\n}\n");
    write("sub/more.conf", "log\n");
    write("more.conf", "wrong\n");
    assertEquals("a.org. {log}", shape(parseIn("import sub/zone.conf")));
  }

  @Test
  void anAbsolutePathImportsThatFile() throws Exception {
    Path file = write("abs.conf", "log\n");
    assertEquals("a.org. {log}",
        shape(parse("a.org {\n import " + file.toAbsolutePath() + "\n}")));
  }

  @Test
  void theImportNameMayComeFromTheEnvironment() throws Exception {
    write("extra.conf", "log\n");
    assertEquals("a.org. {log}", shape(parseIn("a.org {\n import {$CONF}\n}")));
  }

  @Test
  void snippetsMayBeDefinedInImportedFiles() throws Exception {
    write("snippets.conf", "(s) {\n log\n}\n");
    assertEquals("a.org. {log}", shape(parseIn("import snippets.conf\na.org {\n import s\n}")));
  }

  @Test
  void filesImportingEachOtherAreACycle() throws Exception {
    Path a = write("a.conf", "import b.conf\n");
    Path b = write("b.conf", "log\nimport a.conf\n");
    CorefileException e = errorIn("x.org {\n import a.conf\n}");
    assertEquals(new Location(b.toString(), 2, 8), e.location());
    assertTrue(
        e.problem().startsWith("import cycle: file " + a + " (imported at Corefile:2:9) -> file "
            + b + " (imported at " + a + ":1:8) -> file " + a + " (imported at " + b + ":2:8)"),
        e.problem());
  }

  @Test
  void aCorefileThatImportsItselfIsACycle() throws Exception {
    Path corefile = write("Corefile", "a.org {\n import Corefile\n}\n");
    CorefileException e =
        assertThrows(CorefileException.class, () -> CorefileParser.parseFile(corefile));
    assertTrue(e.getMessage().startsWith(corefile + ":2:9: import cycle: file " + corefile),
        e.getMessage());
  }

  @Test
  void parseFileResolvesImportsAgainstTheFilesDirectory() throws Exception {
    write("etc/common.conf", "log\n");
    Path corefile = write("etc/Corefile", "a.org {\n import common.conf\n}\n");
    Corefile parsed = CorefileParser.parseFile(corefile);
    assertEquals("a.org. {log}", shape(parsed));
    assertEquals(corefile.toString(), parsed.blocks().get(0).location().file());
  }

  @Test
  void anImportedFileMustBalanceItsOwnBraces() throws Exception {
    Path file = write("broken.conf", "log\n}\n");
    CorefileException e = errorIn("a.org {\n import broken.conf\n}");
    assertEquals(new Location(file.toString(), 2, 1), e.location());
    assertTrue(e.problem().startsWith("unexpected '}': it closes no '{' opened in the imported"
        + " file"), e.problem());
  }

  @Test
  void anImportedFileMustCloseTheBlocksItOpens() throws Exception {
    Path file = write("open.conf", "log {\n");
    CorefileException e = errorIn("a.org {\n import open.conf\n}");
    assertEquals(new Location(file.toString(), 1, 5), e.location());
    assertTrue(e.problem().startsWith("missing '}': the '{' opened on line 1 is never closed"),
        e.problem());
  }

  @Test
  void importingADirectoryIsAnError() throws Exception {
    Files.createDirectories(dir.resolve("conf.d"));
    CorefileException e = errorIn("a.org {\n import conf.d\n}");
    assertTrue(e.getMessage().startsWith("Corefile:2:9: import 'conf.d': "), e.getMessage());
    assertTrue(e.getMessage().contains("is a directory; expected a file, or a glob such as"
        + " conf.d/*"), e.getMessage());
  }

  @Test
  void anUnreadableImportedFileIsAnErrorNamingIt() throws Exception {
    Path file = dir.resolve("latin1.conf");
    Files.write(file, new byte[] {'l', 'o', 'g', ' ', (byte) 0xff, '\n'});
    CorefileException e = errorIn("a.org {\n import latin1.conf\n}");
    assertTrue(e.getMessage().startsWith("Corefile:2:9: cannot read imported file " + file),
        e.getMessage());
  }

  @Test
  void importWithoutArgumentIsAnError() {
    CorefileException e = error("a.org {\n import\n log\n}");
    assertEquals("Corefile:2:2: 'import' needs one argument: expected a snippet name or a file"
        + " (or glob) to import", e.getMessage());
  }
}
