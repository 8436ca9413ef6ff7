package io.clusterdns.config;

import static io.clusterdns.config.Corefiles.error;
import static io.clusterdns.config.Corefiles.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class KeysTest {

  private static List<ServerKey> keysOf(String keys) throws CorefileException {
    return parse(keys + " {\n}").blocks().get(0).keys();
  }

  private static String keyText(String keys) throws CorefileException {
    return keysOf(keys).stream().map(Corefiles::key).collect(Collectors.joining(" "));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "cluster.local | cluster.local.",
        "cluster.local. | cluster.local.",
        "cluster.local:1053 | cluster.local.:1053",
        ".:53 | .:53",
        ". | .",
        ":53 | .:53",
        "dns://cluster.local:53 | cluster.local.:53",
        "dns://. | .",
        "DNS://Cluster.LOCAL | cluster.local.",
        "Example.ORG:0 | example.org.:0",
        "example.org:65535 | example.org.:65535",
      })
  void normalisesEachKeyForm(String written, String expected) throws CorefileException {
    assertEquals(expected, keyText(written));
  }

  @Test
  void keysAreSeparatedBySpacesAndOrCommas() throws CorefileException {
    assertEquals("a.org. b.org. c.org. d.org.:53 e.org.",
        keyText("a.org b.org, c.org,d.org:53 ,e.org"));
  }

  @Test
  void keysJoinedByCommasKnowWhereEachStarts() throws CorefileException {
    List<ServerKey> keys = keysOf("a.org,bb.org:53");
    assertEquals(new Location("Corefile", 1, 7), keys.get(1).token().location());
    assertEquals("bb.org:53", keys.get(1).token().text());
  }

  @Test
  void aTrailingCommaContinuesTheKeysOnTheNextLine() throws CorefileException {
    assertEquals("a.org. b.org. c.org.", keyText("a.org,\n  b.org,\n  c.org"));
  }

  @Test
  void eachKeyKeepsTheTokenItWasWrittenAs() throws CorefileException {
    ServerKey key = keysOf("  Example.ORG:1053").get(0);
    assertEquals("Example.ORG:1053", key.token().text());
    assertEquals(new Location("Corefile", 1, 3), key.token().location());
    assertEquals(1053, key.portOr(53));
    assertEquals(53, keysOf("example.org").get(0).portOr(53));
  }

  @Test
  void anIpv4NetworkOnAnOctetBoundaryIsOneReverseZone() throws CorefileException {
    assertEquals("0.96.10.in-addr.arpa.", keyText("10.96.0.0/24"));
    assertEquals("10.in-addr.arpa.:53", keyText("10.0.0.0/8:53"));
    assertEquals("in-addr.arpa.", keyText("0.0.0.0/0"));
    assertEquals("4.3.2.1.in-addr.arpa.", keyText("1.2.3.4/32"));
  }

  @Test
  void anIpv4NetworkBetweenOctetBoundariesBecomesEveryZoneAtTheNextBoundary()
      throws CorefileException {
    List<ServerKey> keys = keysOf("10.96.0.0/12");
    String expected =
        IntStream.rangeClosed(96, 111)
            .mapToObj(octet -> octet + ".10.in-addr.arpa.")
            .collect(Collectors.joining(" "));
    assertEquals(expected, keys.stream().map(ServerKey::zone).collect(Collectors.joining(" ")));
    assertTrue(keys.stream().allMatch(key -> key.token().text().equals("10.96.0.0/12")));
    assertEquals(
        "0.in-addr.arpa. 1.in-addr.arpa. 2.in-addr.arpa. 3.in-addr.arpa.",
        keyText("0.0.0.0/6"));
  }

  @Test
  void hostBitsOfANetworkAreIgnoredAsInCoreDns() throws CorefileException {
    assertEquals("0.96.10.in-addr.arpa.", keyText("10.96.0.77/24"));
  }

  @Test
  void anIpv6NetworkBecomesNibbleZones() throws CorefileException {
    assertEquals("d.f.ip6.arpa.", keyText("fd00::/8"));
    assertEquals("8.b.d.0.1.0.0.2.ip6.arpa.:1053", keyText("2001:db8::/32:1053"));
    assertEquals("ip6.arpa.", keyText("::/0"));
    assertEquals(
        "c.f.ip6.arpa. d.f.ip6.arpa. e.f.ip6.arpa. f.f.ip6.arpa.", keyText("fc00::/6"));
    String zeros = "0.".repeat(28);
    assertEquals(
        zeros + "d.f.ip6.arpa. 1." + zeros.substring(2) + "d.f.ip6.arpa.",
        keyText("fd00::/119"));
  }

  @Test
  void anIpv6NetworkMayEndInDottedQuad() throws CorefileException {
    assertEquals("a.0.f.f.f.f." + "0.".repeat(20) + "ip6.arpa.",
        keyText("::ffff:10.0.0.0/104"));
  }

  @Test
  void theSameZoneMayBeServedOnTwoPorts() throws CorefileException {
    Corefile corefile = parse("a.org:53 {\n}\na.org:1053 {\n}\na.org {\n}");
    assertEquals(3, corefile.blocks().size());
  }

  @Test
  void everyExpandedReverseZoneSharesOneToken() throws CorefileException {
    List<ServerKey> keys = keysOf("10.0.0.0/7");
    assertEquals(2, keys.size());
    assertSame(keys.get(0).token(), keys.get(1).token());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "tls://example.org | unsupported scheme 'tls://' in key 'tls://example.org': only dns://"
            + " is supported",
        "https://example.org | unsupported scheme 'https://'",
        "grpc://example.org:443 | unsupported scheme 'grpc://'",
      })
  void otherSchemesAreRejected(String key, String message) {
    CorefileException e = error("a.org {\n}\n" + key + " {\n}");
    assertEquals(new Location("Corefile", 3, 1), e.location());
    assertTrue(e.getMessage().startsWith("Corefile:3:1: " + message), e.getMessage());
  }
}
