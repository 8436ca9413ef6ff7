package io.clusterdns.plugin.cluster.source;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An unmodifiable map of a few entries in one array, in the order written: a parsed YAML mapping
 * as the tree holds it. Nearly every mapping of a manifest has a handful of keys, for which a
 * linear search is as fast as hashing and the map is a quarter of a {@code LinkedHashMap}'s size.
 * Null values are allowed, as YAML has them.
 */
final class SmallMap extends AbstractMap<Object, Object> {
  /** The most entries a mapping is kept in a small map with; larger ones hash. */
  static final int MAX_ENTRIES = 16;

  /** Keys at even indexes, each followed by its value; no key twice. */
  private final Object[] entries;

  SmallMap(Object[] entries) {
    this.entries = entries;
  }

  @Override
  public int size() {
    return entries.length / 2;
  }

  @Override
  public Object get(Object key) {
    int at = indexOf(key);
    return at < 0 ? null : entries[at + 1];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  private int indexOf(Object key) {
    for (int i = 0; i < entries.length; i += 2) {
      if (entries[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Set<Entry<Object, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return entries.length / 2;
      }

      @Override
      public Iterator<Entry<Object, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < entries.length;
          }

          @Override
          public Entry<Object, Object> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            next += 2;
            return new SimpleImmutableEntry<>(entries[next - 2], entries[next - 1]);
          }
        };
      }
    };
  }
}
