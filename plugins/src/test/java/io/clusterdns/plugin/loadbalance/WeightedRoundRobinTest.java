package io.clusterdns.plugin.loadbalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.testkit.Queries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class WeightedRoundRobinTest {
  private static final long SEED = 7L;
  private final Random random = new Random(SEED);
  @TempDir Path dir;

  WeightedRoundRobinTest() {
    System.out.println("WeightedRoundRobinTest seed " + SEED);
  }

  private Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("weights"), text);
  }

  private static WeightedRoundRobin policy(Path file, Duration reload) {
    return new WeightedRoundRobin(new WeightFile(file), reload, Executors::newSingleThreadScheduledExecutor);
  }

  private static Message reply(int qtype, String... lines) throws IOException {
    Message reply = Replies.authoritative(Queries.request("www.example.com.", qtype));
    for (String line : lines) {
      String[] f = line.split(" ", 3);
      reply.addRecord(Record.fromString(Name.fromString(f[0]), Type.value(f[1]), DClass.IN, 30, f[2], Name.root),
          Section.ANSWER);
    }
    return reply;
  }

  private static final String[] THREE = {
    "www.example.com. A 10.0.0.1", "www.example.com. A 10.0.0.2", "www.example.com. A 10.0.0.3"};

  @Test
  void theTopAddressIsDrawnWithTheWeightsOfItsName() throws Exception {
    WeightedRoundRobin policy = policy(file("# weights\nWWW.example.com\n10.0.0.1 3\n10.0.0.2 1\n\nother.example.com.\n10.0.0.3 200\n"),
        Duration.ZERO);
    policy.start();
    Map<String, Integer> tops = new HashMap<>();
    int draws = 5000;
    for (int i = 0; i < draws; i++) {
      Message reply = reply(Type.A, THREE);
      policy.reorder(reply, Type.A, random);
      List<Record> answer = reply.getSection(Section.ANSWER);
      assertEquals(3, answer.size());
      tops.merge(answer.get(0).rdataToString(), 1, Integer::sum);
    }
    // Weights 3, 1 and 1 (10.0.0.3 is weighted for another name only): 60%, 20%, 20%.
    assertEquals(0.6, tops.get("10.0.0.1") / (double) draws, 0.03, tops.toString());
    assertEquals(0.2, tops.get("10.0.0.2") / (double) draws, 0.03, tops.toString());
    assertEquals(0.2, tops.get("10.0.0.3") / (double) draws, 0.03, tops.toString());
  }

  @Test
  void onlyTheDrawnAddressMovesAndOnlyForAddressOrSrvQuestions() throws Exception {
    WeightedRoundRobin policy = policy(file("www.example.com\n10.0.0.3 255\n10.0.0.1 1\n10.0.0.2 1\n"), Duration.ZERO);
    policy.start();
    Message reply = reply(Type.A, "www.example.com. TXT \"t\"", "a.example.com. CNAME www.example.com.",
        "www.example.com. A 10.0.0.1", "www.example.com. A 10.0.0.2", "www.example.com. A 10.0.0.3");
    policy.reorder(reply, Type.A, new Random(1) {
      @Override
      public int nextInt(int bound) {
        return bound - 1; // the last ticket: 10.0.0.3's.
      }
    });
    assertEquals(List.of("CNAME", "TXT", "A 10.0.0.3", "A 10.0.0.2", "A 10.0.0.1"),
        reply.getSection(Section.ANSWER).stream()
            .map(r -> Type.string(r.getType()) + (r.getType() == Type.A ? " " + r.rdataToString() : ""))
            .toList());

    Message txt = reply(Type.TXT, THREE);
    policy.reorder(txt, Type.TXT, random);
    assertEquals(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"),
        txt.getSection(Section.ANSWER).stream().map(Record::rdataToString).toList());
  }

  @Test
  void aChangedFileIsReadAgainAndABadOneKeepsTheLastWeights() throws Exception {
    Path file = file("www.example.com\n10.0.0.2 255\n");
    WeightedRoundRobin policy = policy(file, Duration.ZERO);
    policy.start();
    assertTrue(topShare(policy, "10.0.0.2") > 0.95);

    Files.writeString(file, "www.example.com\n10.0.0.3 255\n");
    policy.refresh();
    assertTrue(topShare(policy, "10.0.0.3") > 0.95);

    Files.writeString(file, "www.example.com\n10.0.0.1 256\n");
    policy.refresh();
    assertTrue(topShare(policy, "10.0.0.3") > 0.95, "a file that does not parse changes nothing");

    Files.delete(file);
    policy.refresh();
    assertTrue(topShare(policy, "10.0.0.3") > 0.95, "a file that went away changes nothing");
  }

  private double topShare(WeightedRoundRobin policy, String address) throws IOException {
    int hits = 0;
    for (int i = 0; i < 200; i++) {
      Message reply = reply(Type.A, THREE);
      policy.reorder(reply, Type.A, random);
      hits += reply.getSection(Section.ANSWER).get(0).rdataToString().equals(address) ? 1 : 0;
    }
    return hits / 200.0;
  }

  @Test
  void aMissingFileFailsTheStartUnlessAReloadWillLookAgain() throws Exception {
    Path missing = dir.resolve("absent");
    IOException e = assertThrows(IOException.class, () -> policy(missing, Duration.ZERO).start());
    assertEquals("plugin/loadbalance: weight file " + missing + " does not exist", e.getMessage());

    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    WeightedRoundRobin later = new WeightedRoundRobin(new WeightFile(missing), Duration.ofMinutes(1), () -> timer);
    later.start();
    later.close();
    assertTrue(timer.isShutdown(), "close stops the reload timer");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "10.0.0.1 3 => 1: an address comes before any name",
        "www.example.com\\n10.0.0.1 0 => 2: weight '0' must be a whole number from 1 to 255",
        "www.example.com\\n10.0.0.1 x => 2: weight 'x' must be a whole number from 1 to 255",
        "www.example.com\\nnot-an-ip 3 => 2: 'not-an-ip' is not an IP address",
        "# c\\n10.0.0.1 => 2: '10.0.0.1' is an address where a name was expected (a weight missing?)",
        "www.example.com\\n10.0.0.1 3 extra => 2: expected a name, or an address and a weight, got '10.0.0.1 3 extra'",
      })
  void badLinesNameTheFileAndLine(String text, String expected) throws IOException {
    Path file = file(text.replace("\\n", "\n"));
    IOException e = assertThrows(IOException.class, () -> policy(file, Duration.ZERO).start());
    assertEquals(file + ":" + expected, e.getMessage());
  }
}
