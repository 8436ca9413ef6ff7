package io.clusterdns.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The digest of what a parse read: the reload plugin's idea of "the Corefile changed". */
class SourceDigestTest {
  @TempDir Path dir;

  private String digest(Path corefile) {
    SourceDigest digest = new SourceDigest();
    try {
      CorefileParser.parseFile(corefile, digest);
    } catch (CorefileException e) {
      // A Corefile that does not parse still has a digest of what was read.
    }
    return digest.hex();
  }

  @Test
  void sameFilesSameDigestAndAnyChangeToAnImportedFileChangesIt() throws Exception {
    Path corefile = Files.writeString(dir.resolve("Corefile"), "example.org {\n import extra.conf\n}\n");
    Path extra = Files.writeString(dir.resolve("extra.conf"), "whoami\n");
    String first = digest(corefile);

    assertEquals(128, first.length());
    assertTrue(first.matches("[0-9a-f]+"), first);
    assertEquals(first, digest(corefile));

    Files.writeString(extra, "whoami \n");
    assertNotEquals(first, digest(corefile));
    Files.writeString(extra, "whoami\n");
    assertEquals(first, digest(corefile));
  }

  @Test
  void aFileThatNewlyMatchesAnImportGlobChangesIt() throws Exception {
    Files.createDirectories(dir.resolve("conf.d"));
    Files.writeString(dir.resolve("conf.d/a.conf"), "whoami\n");
    Path corefile = Files.writeString(dir.resolve("Corefile"), "example.org {\n import conf.d/*.conf\n}\n");
    String one = digest(corefile);

    Files.writeString(dir.resolve("conf.d/b.conf"), "");
    String two = digest(corefile);
    assertNotEquals(one, two, "an empty new file still counts");

    Files.writeString(dir.resolve("conf.d/b.txt"), "log\n");
    assertEquals(two, digest(corefile), "a file the glob does not match does not count");
  }

  @Test
  void aBrokenCorefileHasAStableDigestAndCreatingTheMissingImportChangesIt() throws Exception {
    Path corefile = Files.writeString(dir.resolve("Corefile"), "example.org {\n import missing.conf\n}\n");
    assertThrows(CorefileException.class, () -> CorefileParser.parseFile(corefile));
    String broken = digest(corefile);
    assertEquals(broken, digest(corefile));

    Files.writeString(dir.resolve("missing.conf"), "whoami\n");
    assertNotEquals(broken, digest(corefile));
  }

  @Test
  void theDigestIsReadOnceAndStaysTheSame() throws Exception {
    SourceDigest digest = new SourceDigest();
    Path corefile = Files.writeString(dir.resolve("Corefile"), "example.org {\n whoami\n}\n");
    CorefileParser.parseFile(corefile, digest);
    assertEquals(digest.hex(), digest.hex());
  }
}
