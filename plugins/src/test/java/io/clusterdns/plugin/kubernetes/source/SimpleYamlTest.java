package io.clusterdns.plugin.kubernetes.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SimpleYaml} against the engine's path ({@link YamlTrees} with marks, events built by
 * {@link DirectTree}): whatever it accepts it reads to the same trees, with the same containers,
 * key order and scalar types, and what it refuses is left to the engine. Checked on hand-picked
 * texts, the repository's manifests, a generated cluster and seeded mutations of them all.
 */
class SimpleYamlTest {
  private static final List<String> REPOSITORY_MANIFESTS = List.of(
      "../deploy/image/cluster.yaml",
      "../deploy/kube-system/deployment.yaml",
      "../deploy/kube-system/service.yaml",
      "../deploy/kube-system/configmap.yaml",
      "../server/src/main/resources/io/clusterdns/server/example/cluster.yaml",
      "../server/src/test/resources/io/clusterdns/server/kubernetes/gateway-cluster.yaml",
      "../server/src/test/resources/io/clusterdns/server/kubernetes/rule-book-cluster.yaml",
      "../testing/src/test/resources/k8s/shop.yaml",
      "src/test/resources/io/clusterdns/plugin/kubernetes/source/every-field.yaml");

  static Stream<String> accepted() {
    return Stream.of(
        GeneratedManifests.cluster(8, 3),
        GeneratedManifests.headless(5),
        "a: 1\n---\nb: [1, 2.5, true, null, \"x\", 'y', -0, 1e3, .inf, 0x1F, 010]\n---\n",
        "---\n---\na: 1\n",
        "a: yes\nb: No\nc: ~\nd: Null\ne: TRUE\nf:\ng: ''\nh: \"\"\ni: 12345678901234567890\n",
        "a: [123456789, -12345678, 1234567890, 2147483648, 10.96.0.1, 1.2.3, \"80\"]\n",
        "u: $plain\nurl: http://x.example:8080/a,b\nt: two  spaces  kept   \n",
        "m: {}\nl: []\nf: { a: 1 , b: \"x y\", c: 'z' }\ng: [ a , b ]\n",
        "top:\n    deep:\n        deeper: x\n    next:\n    - a\n    -   b: 1\n        c: 2\n",
        "list:\n- a\n- b: 1\n  c:\n  - d\n  e: f\nafter: 1\n",
        "a:\n\n  \n  b: 1\n\nc: 2",
        IntStream.range(0, 40).mapToObj(i -> "k" + i + ": v" + i + "\n").collect(Collectors.joining()));
  }

  static Stream<String> refused() {
    return Stream.of(
        "a: 1 # comment\n",
        "s: ${HOME}\n",
        "base: &b {x: 1}\nuse: *b\n",
        "a: !!str 80\n",
        "a: |\n  text\n",
        "a: >\n  folded\n",
        "a: plain\n  continued\n",
        "- root\n- list\n",
        "plain document\n",
        "\tindented: tab\n",
        "a: caf\u00e9\n",
        "a: 1\r\nb: 2\r\n",
        "a: 1\na: 2\n",
        "a: {b: 1, b: 2}\n",
        "\"quoted key\": 1\n",
        "1: one\n",
        "a: b: c\n",
        "a: [unclosed\n",
        "a: [x, [nested]]\n",
        "a: [x,]\n",
        "a: 1\n...\n",
        "%YAML 1.2\n---\na: 1\n",
        "? a\n: b\n",
        "a:\n  - b\n  c: 1\n",
        "a: 1\n b: 2\n",
        "a:\n-\n  b: 1\n",
        "a: 'it''s'\n",
        "a: \"x\" trailing\n",
        "  indented: root\n",
        "---x: 1\n");
  }

  @ParameterizedTest
  @MethodSource("accepted")
  void readsTheSubsetAsTheEngineDoes(String text) {
    List<Object> simple = SimpleYaml.documents(text);
    assertNotNull(simple, text);
    assertSameTrees(text, simple);
  }

  @ParameterizedTest
  @MethodSource("refused")
  void leavesEverythingElseToTheEngine(String text) {
    assertNull(SimpleYaml.documents(text), text);
  }

  @Test
  void readsTheRepositoryManifestsItAcceptsAsTheEngineDoes() throws IOException {
    int accepted = 0;
    for (String file : REPOSITORY_MANIFESTS) {
      String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
      List<Object> simple = SimpleYaml.documents(text);
      if (simple != null) {
        accepted++;
        assertSameTrees(text, simple);
      }
    }
    // The example cluster and the generated ones are in the subset; a change that stopped
    // accepting them would only show as time.
    assertTrue(accepted >= 2, "accepted " + accepted);
  }

  /**
   * Seeded mutations (a character inserted, removed or replaced, a line indented or not) of every
   * text above: each one accepted must be one the engine reads without error, to the same trees.
   */
  @Test
  void everyMutantItAcceptsTheEngineReadsTheSame() throws IOException {
    long seed = System.nanoTime();
    System.out.println("SimpleYamlTest seed " + seed);
    Random random = new Random(seed);
    List<String> bases = new ArrayList<>(accepted().toList());
    for (String file : REPOSITORY_MANIFESTS) {
      bases.add(Files.readString(Path.of(file), StandardCharsets.UTF_8));
    }
    String alphabet = " \n\n\n  --::,,[]{}\"'#&*!|>?%@`\\<~.0123456789aAtfn\t\r\u00e9";
    int acceptedMutants = 0;
    for (int i = 0; i < 30_000; i++) {
      StringBuilder text = new StringBuilder(bases.get(random.nextInt(bases.size())));
      for (int n = 1 + random.nextInt(3); n > 0 && text.length() > 0; n--) {
        int at = random.nextInt(text.length());
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(4)) {
          case 0 -> text.insert(at, c);
          case 1 -> text.deleteCharAt(at);
          case 2 -> text.setCharAt(at, c);
          default -> {
            int lineStart = text.lastIndexOf("\n", at) + 1;
            if (lineStart < text.length() && text.charAt(lineStart) == ' ') {
              text.deleteCharAt(lineStart);
            } else {
              text.insert(lineStart, ' ');
            }
          }
        }
      }
      List<Object> simple = SimpleYaml.documents(text.toString());
      if (simple != null) {
        acceptedMutants++;
        assertSameTrees(text.toString(), simple);
      }
    }
    System.out.println("SimpleYamlTest accepted mutants " + acceptedMutants);
    assertTrue(acceptedMutants > 1_000, "accepted mutants " + acceptedMutants);
  }

  private static void assertSameTrees(String text, List<Object> simple) {
    List<Object> engine = new ArrayList<>();
    try {
      YamlTrees.parse(text, true, (root, line, lines) -> engine.add(root));
    } catch (YamlTrees.Problem e) {
      fail("accepted what the engine refuses (" + e.getMessage() + "):\n" + text);
    }
    assertEquals(engine.size(), simple.size(), text);
    for (int i = 0; i < engine.size(); i++) {
      assertIdentical(engine.get(i), simple.get(i), text);
    }
  }

  /** Equal, of the same classes, with keys in the same order, all the way down. */
  private static void assertIdentical(Object expected, Object actual, String text) {
    if (expected == null || actual == null) {
      assertEquals(expected, actual, text);
      return;
    }
    assertEquals(expected.getClass(), actual.getClass(), () -> expected + " vs " + actual + " in\n" + text);
    if (expected instanceof Map<?, ?> map) {
      Map<?, ?> other = (Map<?, ?>) actual;
      assertEquals(List.copyOf(map.keySet()), List.copyOf(other.keySet()), text);
      for (Object key : map.keySet()) {
        assertIdentical(map.get(key), other.get(key), text);
      }
    } else if (expected instanceof List<?> list) {
      List<?> other = (List<?>) actual;
      assertEquals(list.size(), other.size(), text);
      Iterator<?> items = other.iterator();
      for (Object item : list) {
        assertIdentical(item, items.next(), text);
      }
    } else {
      assertEquals(expected, actual, text);
    }
  }
}
