package io.clusterdns.plugin.cluster.source;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of the manifest reader: any file gives either the objects DNS uses or a
 * {@link ManifestException} that names the file and a line inside it, never another exception.
 * In the normal test run this replays the corpus under
 * {@code src/test/resources/io/clusterdns/plugin/cluster/source/ManifestReaderFuzzTestInputs};
 * {@code fuzz/run.sh} fuzzes it for a given time.
 */
class ManifestReaderFuzzTest {
  private static final Path FILE = file();
  private static final Pattern LINE =
      Pattern.compile(Pattern.quote(FILE.toString()) + "(?::(\\d+))?: .+", Pattern.DOTALL);

  @FuzzTest
  void read(byte[] input) throws IOException {
    Files.write(FILE, input);
    try {
      List<HasMetadata> objects = new ManifestReader(Runnable::run, 1, ManifestChunks.CHUNK_CHARS).read(FILE, Collectors.toList());
      objects.forEach(object -> assertNotNull(object, "a null object"));
    } catch (ManifestException e) {
      Matcher matcher = LINE.matcher(e.getMessage());
      assertTrue(matcher.matches(), "the error does not name the file: " + e.getMessage());
      if (matcher.group(1) != null) {
        int line = Integer.parseInt(matcher.group(1));
        int lines = new String(input, StandardCharsets.UTF_8).split("\\R", -1).length;
        assertTrue(line >= 1 && line <= lines + 1,
            "line " + line + " of " + lines + ": " + e.getMessage());
      }
    }
  }

  private static Path file() {
    try {
      Path directory = Files.createTempDirectory("manifest-fuzz");
      directory.toFile().deleteOnExit();
      Path file = directory.resolve("cluster.yaml");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
