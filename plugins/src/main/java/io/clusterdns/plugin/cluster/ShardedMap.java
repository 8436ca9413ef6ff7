package io.clusterdns.plugin.cluster;

import java.util.AbstractCollection;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * An immutable hash map split into a fixed number of shards by key hash. A new version with a few
 * keys changed copies only the shards those keys fall in and shares all others with the old
 * version, so deriving the next snapshot costs in proportion to what changed, not to the cluster.
 * Keys and values must not be null.
 */
final class ShardedMap<K, V> {
  private static final int SHARD_BITS = 12;
  private static final int SHARDS = 1 << SHARD_BITS;
  private static final ShardedMap<?, ?> EMPTY = new ShardedMap<>(emptyShards(), 0);

  private final Map<K, V>[] shards;
  private final int size;
  private final Collection<V> values = new Values();

  private ShardedMap(Map<K, V>[] shards, int size) {
    this.shards = shards;
    this.size = size;
  }

  @SuppressWarnings("unchecked")
  static <K, V> ShardedMap<K, V> empty() {
    return (ShardedMap<K, V>) EMPTY;
  }

  /** A copy of {@code map}; each shard is made once, at its final size. */
  static <K, V> ShardedMap<K, V> copyOf(Map<K, V> map) {
    return ofEntries(map.entrySet());
  }

  /**
   * The map of {@code entries}, whose keys must be distinct (a key twice is an {@link
   * IllegalArgumentException}); each shard is made once, at its final size. A caller that has its
   * entries in a list needs no map of them first.
   */
  @SuppressWarnings("unchecked")
  static <K, V> ShardedMap<K, V> ofEntries(Collection<? extends Map.Entry<K, V>> entries) {
    int[] counts = new int[SHARDS];
    for (Map.Entry<K, V> entry : entries) {
      counts[shardOf(entry.getKey())]++;
    }
    Map.Entry<K, V>[][] grouped = new Map.Entry[SHARDS][];
    for (int i = 0; i < SHARDS; i++) {
      grouped[i] = new Map.Entry[counts[i]];
    }
    int[] filled = new int[SHARDS];
    for (Map.Entry<K, V> entry : entries) {
      int shard = shardOf(entry.getKey());
      grouped[shard][filled[shard]++] = entry;
    }
    Map<K, V>[] shards = new Map[SHARDS];
    for (int i = 0; i < SHARDS; i++) {
      shards[i] = Map.ofEntries(grouped[i]);
    }
    return new ShardedMap<>(shards, entries.size());
  }

  @SuppressWarnings("unchecked")
  private static <K, V> Map<K, V>[] emptyShards() {
    Map<K, V>[] shards = new Map[SHARDS];
    Arrays.fill(shards, Map.of());
    return shards;
  }

  /** Fibonacci hashing: the top bits of the product spread keys whose low bits are alike. */
  private static int shardOf(Object key) {
    return (key.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - SHARD_BITS);
  }

  V get(Object key) {
    return shards[shardOf(key)].get(key);
  }

  V getOrDefault(Object key, V fallback) {
    V value = get(key);
    return value == null ? fallback : value;
  }

  int size() {
    return size;
  }

  /** An unmodifiable view of the values, in no particular order. */
  Collection<V> values() {
    return values;
  }

  /** Starts a new version of this map; this map itself never changes. */
  Editor<K, V> edit() {
    return new Editor<>(shards, size);
  }

  /**
   * Changes towards a new version. A shard is copied on its first write and written in place
   * after that. Not thread-safe.
   */
  static final class Editor<K, V> {
    private final Map<K, V>[] shards;
    private final boolean[] copied = new boolean[SHARDS];
    private int size;

    private Editor(Map<K, V>[] shards, int size) {
      this.shards = shards.clone();
      this.size = size;
    }

    V get(Object key) {
      return shards[shardOf(key)].get(key);
    }

    V getOrDefault(Object key, V fallback) {
      V value = get(key);
      return value == null ? fallback : value;
    }

    void put(K key, V value) {
      if (writable(shardOf(key)).put(key, value) == null) {
        size++;
      }
    }

    void remove(Object key) {
      int shard = shardOf(key);
      if (shards[shard].containsKey(key)) {
        writable(shard).remove(key);
        size--;
      }
    }

    /** The new version; the editor can go on from it, copying shards afresh. */
    ShardedMap<K, V> build() {
      for (int i = 0; i < SHARDS; i++) {
        if (copied[i]) {
          shards[i] = Map.copyOf(shards[i]);
          copied[i] = false;
        }
      }
      return new ShardedMap<>(shards.clone(), size);
    }

    private Map<K, V> writable(int shard) {
      if (!copied[shard]) {
        shards[shard] = new HashMap<>(shards[shard]);
        copied[shard] = true;
      }
      return shards[shard];
    }
  }

  private final class Values extends AbstractCollection<V> {
    @Override
    public int size() {
      return size;
    }

    @Override
    public Iterator<V> iterator() {
      return new Iterator<>() {
        private int shard;
        private Iterator<V> current = shards[0].values().iterator();

        @Override
        public boolean hasNext() {
          while (!current.hasNext() && shard < SHARDS - 1) {
            current = shards[++shard].values().iterator();
          }
          return current.hasNext();
        }

        @Override
        public V next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return current.next();
        }
      };
    }
  }
}
