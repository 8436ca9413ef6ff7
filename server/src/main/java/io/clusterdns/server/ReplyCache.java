package io.clusterdns.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replies of deterministic chains by query bytes, so that a query equal to an earlier one apart
 * from its ID is answered with a copy of the earlier reply, without parsing it. The key is the
 * whole message after the 2-byte ID: flags, counts, the question exactly as spelled (so the case
 * echo is exact) and the OPT record (so each EDNS size has its own, correctly truncated, reply).
 * An entry serves only while its chain's generation is the one it was made under.
 *
 * <p>A fixed table of 4-way sets: a new entry takes a free, outdated or equal slot of its set,
 * or else replaces one at random. Entries are immutable and published through final fields, so
 * readers take no lock; a reader racing with a writer at worst misses.
 *
 * <p>Two budgets, both fixed: the number of slots, and the bytes the entries take (their key,
 * reply and object overhead). Entries are small for most answers but a TCP reply may be 64 KiB,
 * so slots alone would not bound the memory: an entry that would pass the byte budget replaces
 * only an entry at least as large, or is not kept. Writers reserve bytes with a CAS before they
 * publish (one that loses its slot to another writer gives them back), so the budget holds with
 * any number of them; look-ups never touch the count.
 *
 * <p>Not Caffeine, which the project uses for caches elsewhere: a look-up here must compare the
 * received bytes in place, and Caffeine needs a key object per look-up and costs about as much
 * as the whole cached answer path (about 70 ns, see bench/README.md).
 */
final class ReplyCache {
  /**
   * Entries per cache: room for the names of 10,000 Services each asked in three variants (A,
   * AAAA, SRV or a misspelling). A full cache of typical replies (about 250 bytes an entry with
   * its key) takes some 8 MiB, which keeps the server within CoreDNS's 170 MiB memory limit.
   */
  static final int DEFAULT_CAPACITY = 1 << 15;
  /**
   * Bytes of the UDP cache: its entries at 384 bytes on average (a UDP reply is at most 1,232
   * bytes), so that a flood of distinct names filling every slot cannot take more than 12 MiB.
   */
  static final long DEFAULT_BYTES = 12L << 20;
  /** What an entry takes besides its two arrays: the entry object and the arrays' headers. */
  static final int ENTRY_OVERHEAD = 80;

  private static final int WAYS = 4;
  private static final int ID_LENGTH = 2;
  private static final long MIX = 0x9E3779B97F4A7C15L;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Entry[].class);

  private final Entry[] slots;
  private final int setMask;
  private final long maxBytes;
  /** Bytes of the entries held, and of those being published. */
  private final AtomicLong bytes = new AtomicLong();

  ReplyCache(int capacity, long maxBytes) {
    if (capacity < WAYS || Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException("capacity must be a power of two of at least " + WAYS + ", got " + capacity);
    }
    this.slots = new Entry[capacity];
    this.setMask = capacity / WAYS - 1;
    this.maxBytes = maxBytes;
  }

  /** The entry for {@code query} made at its chain's current generation, or null. */
  Entry find(byte[] query, int length) {
    int hash = hash(query, length);
    int base = (hash & setMask) * WAYS;
    for (int i = base; i < base + WAYS; i++) {
      Entry entry = slots[i];
      if (entry != null && entry.matches(hash, query, length)) {
        return entry.outdated() ? null : entry;
      }
    }
    return null;
  }

  /**
   * Keeps {@code reply}, made by {@code chain} at {@code generation}, for later equal queries,
   * with the series each of them is counted in ({@code counts}, null for a block not measured).
   */
  void store(byte[] query, int length, BlockChain chain, long generation, byte[] reply, QueryCounts counts) {
    int hash = hash(query, length);
    int base = (hash & setMask) * WAYS;
    int slot = base + ThreadLocalRandom.current().nextInt(WAYS);
    for (int i = base; i < base + WAYS; i++) {
      Entry old = slots[i];
      if (old == null || old.matches(hash, query, length) || old.outdated()) {
        slot = i;
        break;
      }
    }
    long size = size(length - ID_LENGTH, reply.length);
    Entry replaced = slots[slot];
    if (!reserve(size - size(replaced))) {
      return;
    }
    Entry entry = new Entry(hash, Arrays.copyOfRange(query, ID_LENGTH, length), reply.clone(), chain, generation, counts);
    if (!SLOTS.compareAndSet(slots, slot, replaced, entry)) {
      // Another writer filled the slot meanwhile: its entry stays, and the bytes go back.
      bytes.addAndGet(size(replaced) - size);
    }
  }

  /** Takes {@code growth} bytes from the budget; false, taking nothing, when it would pass it. */
  private boolean reserve(long growth) {
    while (true) {
      long held = bytes.get();
      if (growth > 0 && held + growth > maxBytes) {
        return false;
      }
      if (bytes.compareAndSet(held, held + growth)) {
        return true;
      }
    }
  }

  private static long size(Entry entry) {
    return entry == null ? 0 : size(entry.key.length, entry.reply.length);
  }

  private static long size(int keyLength, int replyLength) {
    return ENTRY_OVERHEAD + keyLength + replyLength;
  }

  /** Entries held; for tests. */
  int entries() {
    int held = 0;
    for (int i = 0; i < slots.length; i++) {
      if (SLOTS.getVolatile(slots, i) != null) {
        held++;
      }
    }
    return held;
  }

  /** Bytes the entries held take, by the budget's count; for tests. */
  long bytes() {
    return bytes.get();
  }

  /** Bytes the entries held take, added up from the entries; for tests. */
  long heldBytes() {
    long held = 0;
    for (int i = 0; i < slots.length; i++) {
      held += size((Entry) SLOTS.getVolatile(slots, i));
    }
    return held;
  }

  /** A hash of the bytes after the ID, eight at a time. */
  static int hash(byte[] query, int length) {
    long h = length;
    int i = ID_LENGTH;
    for (; i + Long.BYTES <= length; i += Long.BYTES) {
      h = (h ^ (long) LONGS.get(query, i)) * MIX;
      h ^= h >>> 29;
    }
    for (; i < length; i++) {
      h = (h ^ (query[i] & 0xFF)) * MIX;
    }
    h ^= h >>> 32;
    h *= MIX;
    return (int) (h ^ (h >>> 29));
  }

  static final class Entry {
    private final int hash;
    private final byte[] key;
    private final byte[] reply;
    private final BlockChain chain;
    private final long generation;
    private final QueryCounts counts;

    Entry(int hash, byte[] key, byte[] reply, BlockChain chain, long generation, QueryCounts counts) {
      this.hash = hash;
      this.key = key;
      this.reply = reply;
      this.chain = chain;
      this.generation = generation;
      this.counts = counts;
    }

    /**
     * Puts the stored reply, with the ID of {@code query}, into {@code out} (cleared first,
     * flipped after).
     */
    void answer(byte[] query, ByteBuffer out) {
      out.clear();
      out.put(reply).flip();
      out.put(0, query[0]).put(1, query[1]);
    }

    /** A copy of the stored reply with the ID of {@code query}. */
    byte[] answer(byte[] query) {
      byte[] copy = reply.clone();
      copy[0] = query[0];
      copy[1] = query[1];
      return copy;
    }

    /** The series a query answered by this entry counts in; null when its block is not measured. */
    QueryCounts counts() {
      return counts;
    }

    boolean matches(int otherHash, byte[] query, int length) {
      return hash == otherHash && Arrays.equals(key, 0, key.length, query, ID_LENGTH, length);
    }

    boolean outdated() {
      return chain.generation() != generation;
    }
  }
}
