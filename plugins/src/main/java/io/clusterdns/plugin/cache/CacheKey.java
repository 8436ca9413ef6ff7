package io.clusterdns.plugin.cache;

import io.clusterdns.plugin.Request;
import java.util.Objects;
import org.xbill.DNS.Flags;

/**
 * What a cached reply is filed under: the question's name without regard to case ({@code
 * WWW.example.org} and {@code www.example.org} share an entry), type, class, DO and CD (which
 * change what a resolver puts in the reply: signatures, unvalidated data), and the scope, null
 * for most replies, of the group of clients a client-dependent reply was made for (see {@link
 * ClientScopes}).
 *
 * <p>The name is wire bytes at an offset of an array: a look-up key's are the query's name, a
 * stored key's are the question of its entry's wire form ({@link #storedIn}), so that an entry
 * keeps no name of its own for the young collector to copy while the cache churns.
 */
final class CacheKey {
  /** The key object as a 64-bit JVM with compressed references lays it out. */
  private static final int OVERHEAD = 48;
  private static final int DNSSEC_OK = 1;
  private static final int CHECKING_DISABLED = 2;

  private final byte[] bytes;
  private final int at;
  private final int length;
  private final int type;
  private final int dclass;
  private final int flags;
  private final Object scope;
  private final int hash;

  private CacheKey(byte[] bytes, int at, int length, int type, int dclass, int flags, Object scope, int hash) {
    this.bytes = bytes;
    this.at = at;
    this.length = length;
    this.type = type;
    this.dclass = dclass;
    this.flags = flags;
    this.scope = scope;
    this.hash = hash;
  }

  static CacheKey of(Request request, Object scope) {
    byte[] name = request.qname().toWire();
    int flags = (request.dnssecOk() ? DNSSEC_OK : 0) | (request.flag(Flags.CD) ? CHECKING_DISABLED : 0);
    int hash = 31 * (31 * (31 * folded(name, 0, name.length) + request.qtype()) + request.qclass()) + flags;
    return new CacheKey(name, 0, name.length, request.qtype(), request.qclass(), flags, scope,
        31 * hash + Objects.hashCode(scope));
  }

  /**
   * This key with its name read from {@code wire} at {@code offset}, where the same name is
   * spelled in some case (the question of a stored reply).
   */
  CacheKey storedIn(byte[] wire, int offset) {
    return new CacheKey(wire, offset, length, type, dclass, flags, scope, hash);
  }

  /** Writes the name, spelled as in this key, into {@code wire} at {@code offset}; returns its length. */
  int copyName(byte[] wire, int offset) {
    System.arraycopy(bytes, at, wire, offset, length);
    return length;
  }

  /** Estimated heap bytes of the key (its name and scope are shared, and not counted). */
  int bytes() {
    return OVERHEAD;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof CacheKey key)) {
      return false;
    }
    if (hash != key.hash || length != key.length || type != key.type || dclass != key.dclass
        || flags != key.flags || !Objects.equals(scope, key.scope)) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (lower(bytes[at + i]) != lower(key.bytes[key.at + i])) {
        return false;
      }
    }
    return true;
  }

  /** A hash of a name's wire bytes with letters in lower case. */
  private static int folded(byte[] name, int from, int to) {
    int h = 1;
    for (int i = from; i < to; i++) {
      h = 31 * h + lower(name[i]);
    }
    return h;
  }

  /**
   * The byte in lower case when it is an ASCII capital; a label's length byte (at most 63) never
   * is one, so a whole wire name folds byte by byte.
   */
  private static int lower(byte b) {
    return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
  }
}
