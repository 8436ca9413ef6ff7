package io.clusterdns.plugin.kubernetes.source;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys, values and items of the mappings and sequences a parser is building, innermost last:
 * a node is collected here and then copied once into a container of its exact size, the same
 * containers whichever parser built it ({@link DirectTree}, {@link SimpleYaml}). Not thread-safe.
 */
final class TreeStack {
  private Object[] items = new Object[64];
  private int top;

  /** Where the node about to be collected starts: its {@code base}. */
  int mark() {
    return top;
  }

  /** How many keys and values, or items, were collected since {@code base}. */
  int collected(int base) {
    return top - base;
  }

  void push(Object value) {
    if (top == items.length) {
      items = Arrays.copyOf(items, 2 * top);
    }
    items[top++] = value;
  }

  /** The last value pushed, taken off. */
  Object pop() {
    Object value = items[--top];
    items[top] = null;
    return value;
  }

  /** The keys collected since {@code base}, from the first. */
  List<Object> keys(int base) {
    Object[] keys = new Object[(top - base) / 2];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = items[base + 2 * i];
    }
    return Arrays.asList(keys);
  }

  /** Whether the mapping being collected from {@code base} already has {@code key}. */
  boolean hasKey(int base, Object key) {
    for (int i = base; i < top; i += 2) {
      if (items[i].equals(key)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The keys and values collected since {@code base} as a mapping, taken off: a small map for a
   * few entries, else a hash map in the order written.
   */
  Map<Object, Object> mapping(int base) {
    int entries = (top - base) / 2;
    Map<Object, Object> map;
    if (entries <= SmallMap.MAX_ENTRIES) {
      map = new SmallMap(Arrays.copyOfRange(items, base, top));
    } else {
      map = new LinkedHashMap<>(entries * 4 / 3 + 1);
      for (int i = base; i < top; i += 2) {
        map.put(items[i], items[i + 1]);
      }
    }
    clear(base);
    return map;
  }

  /** The items collected since {@code base} as a sequence, taken off. */
  List<Object> sequence(int base) {
    List<Object> list = Arrays.asList(Arrays.copyOfRange(items, base, top));
    clear(base);
    return list;
  }

  /** Drops what was pushed since {@code base}, so that the stack holds on to no tree. */
  void clear(int base) {
    Arrays.fill(items, base, top, null);
    top = base;
  }
}
