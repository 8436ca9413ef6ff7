package io.clusterdns.plugin.cache;

import io.clusterdns.plugin.Request;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Name;

/**
 * What a cached reply is filed under. {@link Name} compares and hashes without regard to case,
 * so {@code WWW.example.org} and {@code www.example.org} share an entry; DO and CD are part of
 * the key because they change what a resolver puts in the reply (signatures, unvalidated data).
 * The scope, null for most replies, is the group of clients a client-dependent reply was made
 * for (see {@link ClientScopes}).
 */
record CacheKey(Name name, int type, int dclass, boolean dnssecOk, boolean checkingDisabled, Object scope) {
  /** The key object and its name (object, label offsets, wire bytes), as a 64-bit JVM lays them out. */
  private static final int OVERHEAD = 32 + 40 + 16;

  /** Estimated heap bytes of the key (a scope is shared with other keys and not counted). */
  int bytes() {
    return OVERHEAD + name.length();
  }

  static CacheKey of(Request request, Object scope) {
    return new CacheKey(
        request.qname(),
        request.qtype(),
        request.qclass(),
        request.dnssecOk(),
        request.flag(Flags.CD),
        scope);
  }
}
