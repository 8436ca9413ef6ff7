package io.clusterdns.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random inputs: valid Corefiles must parse to the structure they were generated from,
 * and any other input must end in a Corefile or a CorefileException, never another exception.
 */
class GeneratedCorefilesTest {
  private static final String VOCABULARY_WORDS =
      "{|}|{}|\"|\\\"|#|\n|\n|\n| | | |import|import |(s)|( |)|,|:|53|/|.|a.org|10.0.0.0/8|fd00::/8"
          + "|{$X}|{%X%}|{$X:d}|dns://|tls://|*|*.conf|x|log|\t|\r";
  private static final String[] VOCABULARY = VOCABULARY_WORDS.split("\\|", -1);
  private static final String MUTATIONS = "{}\"#\n ,:/";

  @TempDir Path dir;

  static LongStream seeds() {
    return LongStream.range(0, 60);
  }

  static LongStream garbageSeeds() {
    return LongStream.range(1000, 1150);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void generatedCorefilesParseToTheirStructure(long seed) throws CorefileException {
    CorefileGenerator generator = new CorefileGenerator(new Random(seed)).generate();
    System.out.println("seed " + seed + ":\n" + generator.text());
    Corefile corefile = Corefiles.parse(generator.text());
    assertEquals(generator.expectedShape(), Corefiles.shape(corefile), "seed " + seed);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("garbageSeeds")
  void randomBytesGiveACorefileOrACorefileException(long seed) throws Exception {
    Random random = new Random(seed);
    byte[] bytes = new byte[random.nextInt(400)];
    random.nextBytes(bytes);
    System.out.println("seed " + seed + ": " + bytes.length + " random bytes");
    survives(new String(bytes, StandardCharsets.UTF_8));
    Path file = Files.write(dir.resolve("Corefile"), bytes);
    try {
      CorefileParser.parseFile(file);
    } catch (CorefileException expected) {
      System.out.println("  " + expected.getMessage());
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("garbageSeeds")
  void corefileLikeGarbageGivesACorefileOrACorefileException(long seed) throws Exception {
    Random random = new Random(seed);
    Files.writeString(dir.resolve("x"), "log\n");
    Files.writeString(dir.resolve("a.conf"), "a.org {\n}\n");
    StringBuilder text = new StringBuilder();
    int words = random.nextInt(60);
    for (int i = 0; i < words; i++) {
      text.append(VOCABULARY[random.nextInt(VOCABULARY.length)]);
      if (random.nextBoolean()) {
        text.append(' ');
      }
    }
    System.out.println("seed " + seed + ":\n" + text);
    survives(text.toString());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void mutatedValidCorefilesGiveACorefileOrACorefileException(long seed) throws Exception {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder(new CorefileGenerator(random).generate().text());
    int edits = 1 + random.nextInt(5);
    for (int e = 0; e < edits && text.length() > 0; e++) {
      int at = random.nextInt(text.length());
      switch (random.nextInt(3)) {
        case 0 -> text.deleteCharAt(at);
        case 1 -> text.insert(at, VOCABULARY[random.nextInt(VOCABULARY.length)]);
        default -> text.setCharAt(at, MUTATIONS.charAt(random.nextInt(MUTATIONS.length())));
      }
    }
    System.out.println("seed " + seed + ":\n" + text);
    survives(text.toString());
  }

  private void survives(String text) {
    try {
      Corefile corefile = CorefileParser.parse(text, "Corefile", dir, Map.of("X", "x")::get);
      System.out.println("  parsed " + corefile.blocks().size() + " blocks");
    } catch (CorefileException expected) {
      System.out.println("  " + expected.getMessage());
    }
  }
}
