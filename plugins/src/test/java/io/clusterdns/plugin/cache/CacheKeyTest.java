package io.clusterdns.plugin.cache;

import static io.clusterdns.plugin.cache.CacheFixture.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class CacheKeyTest {
  @Test
  void namesCompareWithoutRegardToCaseAndTheRestExactly() {
    CacheKey key = CacheKey.of(query("www.example.org.", Type.A), null);

    assertEquals(key, CacheKey.of(query("WWW.Example.ORG.", Type.A), null));
    assertEquals(key.hashCode(), CacheKey.of(query("WWW.Example.ORG.", Type.A), null).hashCode());
    assertNotEquals(key, CacheKey.of(query("www.example.org.", Type.AAAA), null));
    assertNotEquals(key, CacheKey.of(query("www.example.org.", Type.A, true, false), null));
    assertNotEquals(CacheKey.of(query("www.example.org.", Type.A, false, true), null),
        CacheKey.of(query("www.example.org.", Type.A, false, false), null));
    assertNotEquals(key, CacheKey.of(query("www.example.org.", Type.A), "scope"));
    assertNotEquals(key, CacheKey.of(query("www.example.com.", Type.A), null));
    // Same letters, other labels: the length bytes differ.
    assertNotEquals(CacheKey.of(query("ab.c.", Type.A), null), CacheKey.of(query("a.bc.", Type.A), null));
  }

  @Test
  void aStoredKeyReadsItsNameFromTheWireFormAndEqualsTheLookUpKey() {
    CacheKey key = CacheKey.of(query("www.example.org.", Type.A), null);
    byte[] wire = new byte[12 + 17];
    byte[] name = query("WWW.EXAMPLE.ORG.", Type.A).qname().toWire();
    System.arraycopy(name, 0, wire, 12, name.length);

    CacheKey stored = key.storedIn(wire, 12);

    assertEquals(key, stored);
    assertEquals(stored, key);
    assertEquals(key.hashCode(), stored.hashCode());
  }
}
