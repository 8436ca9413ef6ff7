package io.clusterdns.plugin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EndpointMergeTest {
  private static final List<PortInfo> HTTP = List.of(new PortInfo("http", "tcp", 80));
  private static final List<PortInfo> DNS = List.of(new PortInfo("dns", "udp", 53));

  @Test
  void theTextKeyOfAnIpv4AddressSortsAsItsText() throws UnknownHostException {
    long seed = System.nanoTime();
    System.out.println("EndpointMergeTest seed " + seed);
    Random random = new Random(seed);
    List<InetAddress> addresses = new ArrayList<>();
    int[] edges = {0, 1, 9, 10, 11, 99, 100, 101, 199, 200, 249, 250, 255};
    for (int i = 0; i < 20_000; i++) {
      byte[] octets = new byte[4];
      for (int o = 0; o < 4; o++) {
        octets[o] = (byte) (random.nextBoolean() ? edges[random.nextInt(edges.length)] : random.nextInt(256));
      }
      addresses.add(InetAddress.getByAddress(octets));
    }
    List<InetAddress> byText = new ArrayList<>(addresses);
    byText.sort(Comparator.comparing(InetAddress::getHostAddress));
    List<InetAddress> byKey = new ArrayList<>(addresses);
    byKey.sort(Comparator.comparingLong(EndpointMerge::textKey));
    assertEquals(byText, byKey);
  }

  @Test
  void mergesOneEndpointPerAddressInTheOrderOfTheirText() throws UnknownHostException {
    EndpointInfo nine = endpoint("10.0.0.9", null, HTTP);
    EndpointInfo ten = endpoint("10.0.0.10", "web-10", HTTP);
    EndpointInfo tenAgain = endpoint("10.0.0.10", "other", DNS);
    EndpointInfo v6 = endpoint("fd00::1", null, HTTP);
    List<EndpointInfo> merged = EndpointMerge.merge(List.of(v6, nine, ten, tenAgain));
    EndpointInfo tenMerged = new EndpointInfo(ten.address(), "web-10", null, null, List.of(HTTP.get(0), DNS.get(0)));
    assertEquals(List.of(tenMerged, nine, v6), merged);
  }

  @Test
  void aMergedListIsTakenAsItIs() throws UnknownHostException {
    List<EndpointInfo> merged = EndpointMerge.merge(List.of(
        endpoint("10.0.0.2", null, HTTP), endpoint("10.0.0.10", null, HTTP), endpoint("fd00::2", null, HTTP),
        endpoint("fd00::10", null, HTTP)));
    assertSame(merged, EndpointMerge.merge(merged));
    assertEquals(merged, EndpointMerge.merge(new ArrayList<>(merged)));
  }

  @Test
  void mergingInAnyOrderGivesTheSameAsMergingOnce() throws UnknownHostException {
    long seed = System.nanoTime();
    System.out.println("EndpointMergeTest seed " + seed);
    Random random = new Random(seed);
    for (int round = 0; round < 200; round++) {
      List<EndpointInfo> raw = new ArrayList<>();
      for (int i = random.nextInt(30); i >= 0; i--) {
        String address = random.nextInt(5) == 0 ? "fd00::" + random.nextInt(20) : "10.0." + random.nextInt(3) + "." + random.nextInt(120);
        raw.add(endpoint(address, random.nextBoolean() ? "h" + random.nextInt(3) : null, random.nextBoolean() ? HTTP : DNS));
      }
      List<EndpointInfo> once = EndpointMerge.merge(raw);
      // As a source merges each slice first and the view merges the slices of a Service.
      int cut = random.nextInt(raw.size() + 1);
      List<EndpointInfo> bySlice = new ArrayList<>(EndpointMerge.merge(raw.subList(0, cut)));
      bySlice.addAll(EndpointMerge.merge(raw.subList(cut, raw.size())));
      assertEquals(once, EndpointMerge.merge(bySlice));
      List<EndpointInfo> shuffled = new ArrayList<>(once);
      Collections.shuffle(shuffled, random);
      assertEquals(once, EndpointMerge.merge(shuffled));
    }
  }

  private static EndpointInfo endpoint(String address, String hostname, List<PortInfo> ports)
      throws UnknownHostException {
    return new EndpointInfo(InetAddress.getByName(address), hostname, null, null, ports);
  }
}
