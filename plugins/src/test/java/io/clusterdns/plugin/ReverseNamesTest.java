package io.clusterdns.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;

class ReverseNamesTest {
  private static final long SEED = new Random().nextLong();

  static Stream<InetAddress> randomAddresses() throws Exception {
    System.out.println("ReverseNamesTest seed " + SEED);
    Random random = new Random(SEED);
    return IntStream.range(0, 200)
        .mapToObj(
            i -> {
              byte[] bytes = new byte[random.nextBoolean() ? 4 : 16];
              random.nextBytes(bytes);
              try {
                return InetAddress.getByAddress(bytes);
              } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  @ParameterizedTest
  @MethodSource("randomAddresses")
  void readsTheAddressDnsjavaWrote(InetAddress address) {
    assertEquals(address, ReverseNames.address(ReverseMap.fromAddress(address)), "seed " + SEED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.0.10.in-addr.arpa.",
        "1.1.0.0.10.in-addr.arpa.",
        "256.0.0.10.in-addr.arpa.",
        "x.0.0.10.in-addr.arpa.",
        "01a.0.0.10.in-addr.arpa.",
        "1.0.ip6.arpa.",
        "in-addr.arpa.",
        "1.2.3.4.example.org.",
        "0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip7.arpa.",
        "g.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa.",
        "10.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa."
      })
  void rejectsNamesThatAreNoFullAddress(String name) {
    assertNull(ReverseNames.address(Name.fromConstantString(name)));
  }
}
