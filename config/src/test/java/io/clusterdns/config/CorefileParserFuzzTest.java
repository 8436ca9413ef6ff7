package io.clusterdns.config;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Coverage-guided fuzzing of the Corefile parser: any text gives either a {@link Corefile} or a
 * {@link CorefileException} whose location names the file, a line and column inside the text,
 * and whose message starts with that location. In the normal test run this replays the corpus
 * under {@code src/test/resources/io/clusterdns/config/CorefileParserFuzzTestInputs};
 * {@code fuzz/run.sh} fuzzes it for a given time.
 */
class CorefileParserFuzzTest {
  private static final String FILE = "Corefile";
  private static final Path BASE = emptyDirectory();

  @FuzzTest
  void parse(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    // An import reads files and globs from anywhere in the file system; a fuzzer must not roam it
    // (or read /dev/zero). Imports are covered by the parser's own tests with their files.
    if (text.toLowerCase(Locale.ROOT).contains("import")) {
      return;
    }
    try {
      Corefile corefile =
          CorefileParser.parse(text, FILE, BASE, name -> name.equals("SET") ? "value" : null);
      assertNotNull(corefile);
    } catch (CorefileException e) {
      Location location = e.location();
      assertNotNull(location, "a Corefile error without a location: " + e.getMessage());
      assertTrue(location.line() >= 1 && location.line() <= lines(text) + 1,
          "line " + location.line() + " outside the text: " + e.getMessage());
      assertTrue(location.column() >= 1, "column " + location.column() + ": " + e.getMessage());
      assertTrue(e.getMessage().startsWith(location.toString() + ": "), e.getMessage());
      assertTrue(!e.problem().isBlank(), "an empty problem at " + location);
    }
  }

  private static int lines(String text) {
    return text.split("\\R", -1).length;
  }

  private static Path emptyDirectory() {
    try {
      Path directory = Files.createTempDirectory("corefile-fuzz");
      directory.toFile().deleteOnExit();
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
