package io.clusterdns.plugin.cluster.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * {@link YamlTrees} against snakeyaml-engine's own {@code Load}: the same trees, or the same
 * error, for hand-picked YAML that takes each path (direct build and the engine's composer) and
 * for every input of the manifest reader's fuzz corpus.
 */
class YamlTreesTest {
  private static final Path CORPUS =
      Path.of("src/test/resources/io/clusterdns/plugin/cluster/source/ManifestReaderFuzzTestInputs");

  static Stream<String> yaml() throws IOException {
    List<String> cases = new ArrayList<>(List.of(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports:\n  - port: 80\n",
        "a: 1\n---\nb: [1, 2.5, true, null, \"x\", 'y', -0, 1e3, .inf, -.inf, .nan, 0x1F, 010]\n---\n",
        "a: yes\nb: No\nc: ~\nd: Null\ne: TRUE\nf:\ng: ''\nh: \"\"\ni: 12345678901234567890\n",
        "a: [123456789, -12345678, 1234567890, -123456789, 2147483648, 0, -0, 10.96.0.1, 1.2.3, \"80\"]\n",
        "s: ${HOME}\nt: ${X:-y}\nu: $plain\n",
        "base: &b {x: 1}\nuse: *b\n",
        "<<: {a: 1}\nb: 2\n",
        "a: !!str 80\nb: !!int \"7\"\nc: !!float 1\n",
        "? [x, y]\n: z\n",
        "1: one\ntrue: yes\nnull: nothing\n",
        "a: 1\na: 2\n",
        IntStream.range(0, 40).mapToObj(i -> "k" + i + ": " + i + "\n").collect(Collectors.joining()),
        IntStream.range(0, 40).mapToObj(i -> "k" + (i == 30 ? 3 : i) + ": " + i + "\n").collect(Collectors.joining()),
        IntStream.range(0, 40).mapToObj(i -> "k" + (i == 10 ? 3 : i) + ": " + i + "\n").collect(Collectors.joining()),
        "a: {b: 1, b: 2}\n",
        "!!map {a: 1}\n",
        "--- !!seq\n- a\n",
        "x: &a [*a]\n",
        "a: *missing\n",
        "a: !custom 1\n",
        "- just\n- a\n- list\n",
        "plain scalar document\n",
        "",
        "# only a comment\n",
        "a: 1\n...\nb: 2\n",
        "%YAML 1.2\n---\na: 1\n",
        "a:\n  - b: |\n      text\n      more\n    c: >\n      folded\n",
        "a: [unclosed\n",
        "a: b: c\n",
        "key: \"unterminated\n",
        "\tindented: with a tab\n",
        "a: \u0001\n"));
    try (Stream<Path> files = Files.walk(CORPUS)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        cases.add(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("yaml")
  void sameTreesOrSameErrorAsTheEngine(String text) {
    List<Object> expected = new ArrayList<>();
    String expectedError = null;
    try {
      new Load(LoadSettings.builder().build()).loadAllFromString(text).forEach(expected::add);
    } catch (YamlEngineException e) {
      expectedError = e.getMessage();
    }
    for (boolean marks : new boolean[] {false, true}) {
      List<Object> actual = new ArrayList<>();
      String actualError = null;
      try {
        YamlTrees.parse(text, marks, (root, line, lines) -> actual.add(root));
      } catch (YamlTrees.Problem e) {
        actualError = e.getMessage();
      }
      // Without marks the message has no positions, which only the reader's second parse needs.
      if (marks) {
        assertEquals(expectedError, actualError);
      } else {
        assertEquals(expectedError == null, actualError == null, actualError);
      }
      int documents = expectedError == null ? actual.size() : expected.size();
      assertTrue(same(expected, actual.subList(0, documents), 0), () -> expected + " but was " + actual);
    }
  }

  /**
   * Deep equality that compares binary scalars by content and stops at a depth where only a
   * recursive (aliased) structure can still go on.
   */
  private static boolean same(Object a, Object b, int depth) {
    if (depth > 64) {
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return x.size() == y.size()
          && x.keySet().stream().allMatch(k -> y.containsKey(k) && same(x.get(k), y.get(k), depth + 1));
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      return x.size() == y.size()
          && IntStream.range(0, x.size()).allMatch(i -> same(x.get(i), y.get(i), depth + 1));
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    return Objects.equals(a, b) && (a == null || a.getClass() == b.getClass());
  }

  @Test
  void resolvesEveryScalarAsTheEnginesResolver() {
    long seed = System.nanoTime();
    System.out.println("YamlTreesTest seed " + seed);
    Random random = new Random(seed);
    var engine = LoadSettings.builder().build().getSchema().getScalarResolver();
    String alphabet = "tfnul-+.0123456789eExX$_{}:aAbBsSiINf \0";
    List<String> values = new ArrayList<>(List.of(
        "", "true", "false", "null", "0", "-0", "01", "1.5", "-.inf", ".nan", "1e3", "${A}", "svc-1",
        "10.96.0.1", "nginx", "True", "1.2.3", "-1.5.0", "1.2e3", "123456789", "1234567890", "-12345678",
        "-0.5", "0.1.1", "${a.b}", ".5.", "t.r.u.e"));
    for (char c = 0; c < 0x300; c++) {
      values.add(String.valueOf(c));
      values.add(c + "rest");
    }
    for (int i = 0; i < 20_000; i++) {
      StringBuilder value = new StringBuilder();
      for (int n = random.nextInt(6); n >= 0; n--) {
        value.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      values.add(value.toString());
    }
    for (String value : values) {
      for (boolean plain : new boolean[] {true, false}) {
        Tag expected = engine.resolve(value, plain);
        assertEquals(expected, DirectTree.resolve(value, plain), () -> "'" + value + "' plain=" + plain);
      }
    }
  }

  @Test
  void aProblemNamesTheLineOfTheStream() {
    YamlTrees.Problem marked = assertThrows(YamlTrees.Problem.class,
        () -> YamlTrees.parse("a: 1\n---\nb: 1\nb: 2\n", true, (root, line, lines) -> { }));
    assertEquals(3, marked.line());
    YamlTrees.Problem fromSink = assertThrows(YamlTrees.Problem.class,
        () -> YamlTrees.parse("a: 1\n---\n# note\n\nb: 1\n", true, (root, line, lines) -> {
          if (line > 1) {
            throw new IllegalArgumentException("second document");
          }
        }));
    assertEquals(5, fromSink.line());
    assertFalse(fromSink.getMessage().isEmpty());
  }
}
