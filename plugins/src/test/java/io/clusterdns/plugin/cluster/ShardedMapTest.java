package io.clusterdns.plugin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShardedMapTest {
  static LongStream seeds() {
    return LongStream.rangeClosed(1, 20);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void randomEditsMatchAHashMapAndLeaveEveryOlderVersionUnchanged(long seed) {
    System.out.println("ShardedMapTest seed " + seed);
    Random random = new Random(seed);
    // A small key range makes puts hit present keys and removes hit absent ones often.
    int keys = 1 + random.nextInt(2000);
    Map<Integer, String> oracle = new HashMap<>();
    ShardedMap.Editor<Integer, String> editor = ShardedMap.<Integer, String>empty().edit();
    List<ShardedMap<Integer, String>> versions = new ArrayList<>();
    List<Map<Integer, String>> expected = new ArrayList<>();
    for (int step = 0; step < 40; step++) {
      int edits = random.nextInt(random.nextBoolean() ? 5 : 500);
      for (int e = 0; e < edits; e++) {
        Integer key = random.nextInt(keys) - keys / 2;
        if (random.nextInt(3) == 0) {
          oracle.remove(key);
          editor.remove(key);
        } else {
          String value = "v" + random.nextInt(10);
          oracle.put(key, value);
          editor.put(key, value);
        }
        assertEquals(oracle.get(key), editor.get(key), "seed " + seed);
      }
      versions.add(editor.build());
      expected.add(new HashMap<>(oracle));
    }
    for (int v = 0; v < versions.size(); v++) {
      assertSame(expected.get(v), versions.get(v), keys, "seed " + seed + " version " + v);
    }
  }

  @Test
  void valuesIteratorEndsWithNoSuchElement() {
    ShardedMap.Editor<String, String> editor = ShardedMap.<String, String>empty().edit();
    editor.put("a", "1");
    Iterator<String> values = editor.build().values().iterator();
    assertEquals("1", values.next());
    assertThrows(NoSuchElementException.class, values::next);
  }

  @Test
  void copyOfHoldsEveryEntry() {
    Map<String, Integer> source = new HashMap<>();
    for (int i = 0; i < 5000; i++) {
      source.put("k" + i, i);
    }
    ShardedMap<String, Integer> copy = ShardedMap.copyOf(source);
    assertEquals(source.size(), copy.size());
    source.forEach((k, v) -> assertEquals(v, copy.get(k)));
    assertNull(copy.get("absent"));
    assertEquals(7, copy.getOrDefault("absent", 7));
  }

  private static void assertSame(
      Map<Integer, String> expected, ShardedMap<Integer, String> actual, int keys, String where) {
    assertEquals(expected.size(), actual.size(), where);
    for (int key = -keys; key <= keys; key++) {
      assertEquals(expected.get(key), actual.get(key), where + " key " + key);
    }
    Map<String, Integer> expectedCounts = new HashMap<>();
    expected.values().forEach(v -> expectedCounts.merge(v, 1, Integer::sum));
    Map<String, Integer> actualCounts = new HashMap<>();
    actual.values().forEach(v -> actualCounts.merge(v, 1, Integer::sum));
    assertEquals(expectedCounts, actualCounts, where);
    assertEquals(expected.size(), actual.values().size(), where);
  }
}
