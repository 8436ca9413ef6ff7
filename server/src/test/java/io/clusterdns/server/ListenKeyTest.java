package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ListenKey's written-out equals and hashCode: the same address and port are one listener. */
class ListenKeyTest {
  @Test
  void keysAreEqualExactlyWhenAddressAndPortAre() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    ListenKey key = new ListenKey(loopback, 53);
    ListenKey same = new ListenKey(InetAddress.getByName("127.0.0.1"), 53);
    assertEquals(key, same);
    assertEquals(key.hashCode(), same.hashCode());
    assertNotEquals(key, new ListenKey(loopback, 54));
    assertNotEquals(key, new ListenKey(InetAddress.getByName("127.0.0.2"), 53));
    assertNotEquals(key, new ListenKey(InetAddress.getByName("::1"), 53));
    assertNotEquals(key, null);
    assertNotEquals(key, "127.0.0.1:53");

    Map<ListenKey, String> byKey = new HashMap<>();
    byKey.put(key, "first");
    byKey.put(new ListenKey(loopback, 54), "other port");
    assertEquals("first", byKey.get(same));
    assertEquals(2, byKey.size());
  }
}
