package io.clusterdns.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The import glob: Java's glob syntax for a file name, without Java's backtracking. */
class FileNameGlobTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "*.conf | a.conf | true",
      "*.conf | a.confx | false",
      "*.conf | .conf | true",
      "** | anything | true",
      "a?c | abc | true",
      "a?c | ac | false",
      "[ab]*.conf | b.conf | true",
      "[ab]*.conf | c.conf | false",
      "[!ab]*.conf | c.conf | true",
      "[!ab]*.conf | a.conf | false",
      "[a-c]x | bx | true",
      "[a-c]x | dx | false",
      "[a-]x | -x | true",
      "[-a]x | -x | true",
      "[^a]x | ^x | true",
      "[^a]x | bx | false",
      "{a,b}.conf | b.conf | true",
      "{a,b}.conf | c.conf | false",
      "x{,y}z | xz | true",
      "{*.conf,*.txt} | n.txt | true",
      "\\*.conf | *.conf | true",
      "\\*.conf | a.conf | false",
      "a,b} | a,b} | true",
      "*a*b | xaxbxb | true",
      "*a*b | xaxbxc | false",
  })
  void matchesAsJavaGlobsDo(String pattern, String name, boolean expected) {
    assertEquals(expected, FileNameGlob.compile(pattern).matches(name), pattern + " ~ " + name);
    assertEquals(expected, java(pattern).matches(Path.of(name)), "Java's glob " + pattern);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "[ab | missing ']' for the '[' at character 1",
      "x[] | an empty class '[]' at character 2",
      "[!] | an empty class '[]' at character 1",
      "[b-a] | the range b-a runs backwards at character 2",
      "[a-c-e] | a range without a start at character 5",
      "{a,b | missing '}' for the '{' at character 1",
      "{a,{b}} | groups cannot nest at character 4",
      "a\\ | no character to escape after '\\' at character 2",
  })
  void rejectsBadPatterns(String pattern, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FileNameGlob.compile(pattern));
    assertEquals(message, e.getMessage());
  }

  @Test
  void capsWhatGroupsMultiplyTo() {
    String pattern = "{a,b}".repeat(9);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FileNameGlob.compile(pattern));
    assertTrue(e.getMessage().startsWith("the groups make more than 256 patterns"), e.getMessage());
    assertTrue(FileNameGlob.compile("{a,b}".repeat(8)).matches("abababab"));
  }

  /** The input the fuzzer found: Java's glob took longer than anyone waits on it. */
  @Test
  void manyStarsTakeLinearTime() {
    FileNameGlob stars = FileNameGlob.compile("*".repeat(59) + "common.conf");
    FileNameGlob alternating = FileNameGlob.compile("*a".repeat(40) + "b");
    String name = "a".repeat(255);
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      assertTrue(!stars.matches("Corefile") && stars.matches("x.common.conf"));
      assertTrue(!alternating.matches(name) && alternating.matches(name + "b"));
    });
  }

  /** Random small patterns and names over a tiny alphabet agree with Java's own matcher. */
  @Test
  void agreesWithJavaOnRandomPatterns() {
    long seed = System.nanoTime();
    System.out.println("FileNameGlobTest seed " + seed);
    Random random = new Random(seed);
    String[] pieces = {"a", "b", ".", "*", "?", "[ab]", "[!a]", "[a-b]", "{a,b}", "{,a*}", "\\*"};
    String[] letters = {"a", "b", ".", "*"};
    for (int i = 0; i < 2_000; i++) {
      StringBuilder pattern = new StringBuilder();
      for (int j = random.nextInt(6); j >= 0; j--) {
        pattern.append(pieces[random.nextInt(pieces.length)]);
      }
      PathMatcher java = java(pattern.toString());
      FileNameGlob ours = FileNameGlob.compile(pattern.toString());
      for (int k = 0; k < 10; k++) {
        StringBuilder name = new StringBuilder();
        for (int j = random.nextInt(7); j > 0; j--) {
          name.append(letters[random.nextInt(letters.length)]);
        }
        if (name.isEmpty()) {
          continue;
        }
        assertEquals(java.matches(Path.of(name.toString())), ours.matches(name.toString()),
            "pattern " + pattern + " name " + name + " (seed " + seed + ")");
      }
    }
  }

  private static PathMatcher java(String pattern) {
    return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
  }
}
