package io.clusterdns.config;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzzing of imports: the input is a small tree of files, written to a fresh
 * directory for each input and parsed from its {@code Corefile}. The parse must give a
 * {@link Corefile} whose every block, key, directive and argument is located in one of the
 * tree's files, or a {@link CorefileException} whose {@code file:line:column} lies inside the
 * text of one of them; never another exception.
 *
 * <p>Input format: the first part is the Corefile; every line that starts with {@code === }
 * begins another file, named by the rest of that line if it is one of {@link #NAMES} (else by
 * the name its hash picks). At most four such files; a name's first file wins. Every tree also
 * holds an empty directory {@code empty.d} and a symbolic link {@code alias.conf} to
 * {@code common.conf} (dangling when the input has no such file). Environment references see
 * {@link #ENVIRONMENT}.
 *
 * <p>The parser follows imports anywhere, as CoreDNS does, and a fuzzer must not roam the file
 * system (or read {@code /dev/zero}), so inputs that could name a path outside the tree are
 * skipped: a {@code /} is allowed only as the end of {@code conf.d/} or {@code empty.d/}, so no
 * path can be absolute and no {@code ..} can be followed by more path (at most it names the
 * tree's own directory, or the one it lies in); environment values hold no other {@code /}.
 * The location checks would catch a word read from outside the tree.
 */
class CorefileImportsFuzzTest {
  static final List<String> NAMES =
      List.of("common.conf", "extra", "conf.d/a.conf", "conf.d/b.conf", "conf.d/notes.txt");
  static final Map<String, String> ENVIRONMENT = Map.of(
      "ZONE", "example.org",
      "FILE", "common.conf",
      "DIR", "conf.d",
      "GLOB", "*.conf",
      "CONFD", "conf.d/*",
      "SNIPPET", "common",
      "EMPTY", "");
  private static final int MAX_FILES = 4;
  private static final String HEADER = "=== ";
  /** Directories that may appear before a {@code /}: the tree's only two. */
  private static final List<String> ALLOWED_SLASHES = List.of("conf.d/", "empty.d/");
  private static final String MAIN = "Corefile";
  /** Kept so that the level set below is not lost when the logger is collected. */
  private static final Logger PARSER_LOG = quietParserLog();
  private static final Path ROOT = temporaryDirectory();
  private static int trees;

  @FuzzTest
  void imports(byte[] input) throws IOException {
    String all = new String(input, StandardCharsets.ISO_8859_1);
    for (String allowed : ALLOWED_SLASHES) {
      all = all.replace(allowed, "");
    }
    if (all.indexOf('/') >= 0) {
      return;
    }
    Map<String, byte[]> files = split(input);
    Path tree = ROOT.resolve("tree-" + trees++).toAbsolutePath().normalize();
    try {
      Map<String, String> texts = write(tree, files);
      check(tree, texts);
    } finally {
      delete(tree);
    }
  }

  private static void check(Path tree, Map<String, String> texts) {
    Path main = tree.resolve(MAIN);
    try {
      Corefile corefile = CorefileParser.parseFile(
          main, tree, ENVIRONMENT::get, new SourceDigest());
      assertNotNull(corefile);
      for (ServerBlock block : corefile.blocks()) {
        requireInside(block.location(), texts, "server block");
        for (ServerKey key : block.keys()) {
          requireInside(key.token().location(), texts, "key " + key.token().text());
        }
        requireInside(block.directives(), texts);
      }
    } catch (CorefileException e) {
      Location location = e.location();
      assertNotNull(location, "a Corefile error without a location: " + e.getMessage());
      requireInside(location, texts, "error '" + e.getMessage() + "'");
      assertTrue(e.getMessage().startsWith(location + ": "), e.getMessage());
      assertTrue(!e.problem().isBlank(), "an empty problem at " + location);
    }
  }

  private static void requireInside(List<Directive> directives, Map<String, String> texts) {
    for (Directive directive : directives) {
      requireInside(directive.location(), texts, "directive " + directive.nameText());
      for (Token arg : directive.args()) {
        requireInside(arg.location(), texts, "argument " + arg.text());
      }
      requireInside(directive.block(), texts);
    }
  }

  /** The location names a file of the tree, and a line and column inside that file's text. */
  private static void requireInside(Location location, Map<String, String> texts, String what) {
    String text = texts.get(location.file());
    if (text == null) {
      fail(what + " at " + location + " is not in a file of the tree " + texts.keySet());
    }
    String[] lines = text.split("\n", -1);
    assertTrue(location.line() >= 1 && location.line() <= lines.length,
        what + ": line " + location.line() + " outside the " + lines.length + " lines of "
            + location.file());
    int width = lines[location.line() - 1].length();
    assertTrue(location.column() >= 1 && location.column() <= width + 1,
        what + ": column " + location.column() + " outside line " + location.line() + " of "
            + location.file());
  }

  /** The input's files by name, the Corefile first. */
  static Map<String, byte[]> split(byte[] input) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    String current = MAIN;
    int start = 0;
    int lineStart = 0;
    while (lineStart <= input.length) {
      if (startsWith(input, lineStart, HEADER)) {
        files.putIfAbsent(current, Arrays.copyOfRange(input, start, lineStart));
        if (files.size() > MAX_FILES) {
          return files;
        }
        int end = indexOf(input, (byte) '\n', lineStart);
        String header = new String(input, lineStart + HEADER.length(),
            end - lineStart - HEADER.length(), StandardCharsets.UTF_8).strip();
        current = NAMES.contains(header)
            ? header : NAMES.get(Math.floorMod(header.hashCode(), NAMES.size()));
        start = Math.min(end + 1, input.length);
        lineStart = start;
        continue;
      }
      int newline = indexOf(input, (byte) '\n', lineStart);
      if (newline == input.length) {
        break;
      }
      lineStart = newline + 1;
    }
    files.putIfAbsent(current, Arrays.copyOfRange(input, start, input.length));
    return files;
  }

  /** Writes the tree; returns each file's text (as the parser decodes it) by its path. */
  private static Map<String, String> write(Path tree, Map<String, byte[]> files)
      throws IOException {
    Files.createDirectories(tree.resolve("empty.d"));
    Map<String, String> texts = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path path = tree.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.write(path, file.getValue());
      texts.put(path.toString(), new String(file.getValue(), StandardCharsets.UTF_8));
    }
    Path alias = tree.resolve("alias.conf");
    Files.createSymbolicLink(alias, Path.of("common.conf"));
    String common = texts.get(tree.resolve("common.conf").toString());
    if (common != null) {
      texts.put(alias.toString(), common);
    }
    return texts;
  }

  private static boolean startsWith(byte[] input, int at, String prefix) {
    if (at + prefix.length() > input.length) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (input[at + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] input, byte b, int from) {
    for (int i = from; i < input.length; i++) {
      if (input[i] == b) {
        return i;
      }
    }
    return input.length;
  }

  private static void delete(Path tree) throws IOException {
    if (!Files.exists(tree)) {
      return;
    }
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(tree)) {
      walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
    }
    for (Path path : paths) {
      Files.deleteIfExists(path);
    }
  }

  @AfterAll
  static void removeRoot() throws IOException {
    delete(ROOT);
  }

  /** An import glob that matches nothing is logged as a warning; the fuzzer makes thousands. */
  private static Logger quietParserLog() {
    Logger log = Logger.getLogger(CorefileParser.class.getName());
    log.setLevel(Level.OFF);
    return log;
  }

  /** In memory where the machine offers it: every input creates and deletes a few files. */
  private static Path temporaryDirectory() {
    Path shm = Path.of("/dev/shm");
    try {
      return Files.isDirectory(shm) && Files.isWritable(shm)
          ? Files.createTempDirectory(shm, "corefile-imports-fuzz")
          : Files.createTempDirectory("corefile-imports-fuzz");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
