package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Random and mutated packets never crash the server, and every reply it sends is a parsable
 * response to the packet's ID. Seeds are printed so a failure can be replayed.
 */
class MalformedPacketFuzzTest {
  private static ClusterDns server;

  @BeforeAll
  static void start() throws Exception {
    server = ClusterDns.builder()
        .corefile("example.org 192.0.2.0/24 {\n hosts {\n  192.0.2.1 a.example.org\n }\n template IN TXT example.org {\n  answer \"{{ .Name }} 60 IN TXT ok\"\n }\n}\n")
        .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static LongStream seeds() {
    long base = Long.getLong("fuzz.seed", System.nanoTime());
    System.out.println("MalformedPacketFuzzTest base seed " + base + " (replay with -Dfuzz.seed=" + base + ")");
    return LongStream.range(0, 40).map(i -> base + i);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void randomAndMutatedPacketsGetAResponseOrNothing(long seed) throws Exception {
    Random random = new Random(seed);
    byte[] valid = DnsProbe.query(random.nextBoolean() ? "a.example.org." : "x.example.org.",
        random.nextBoolean() ? Type.A : Type.TXT).toWire();
    for (int i = 0; i < 200; i++) {
      byte[] packet = random.nextInt(4) == 0 ? randomBytes(random) : mutate(valid, random);
      byte[] reply = server.exchange(packet);
      if (reply != null) {
        Message parsed = new Message(reply);
        assertTrue(parsed.getHeader().getFlag(Flags.QR), "seed " + seed + ": reply is a response");
        assertEquals(((packet[0] & 0xff) << 8) | (packet[1] & 0xff), parsed.getHeader().getID(), "seed " + seed);
      }
    }
    Message check = DnsProbe.udp(server.udpAddress(), DnsProbe.query("a.example.org.", Type.A));
    assertEquals(Rcode.NOERROR, check.getRcode(), "seed " + seed + ": server still answers");
  }

  private static byte[] randomBytes(Random random) {
    byte[] packet = new byte[random.nextInt(600)];
    random.nextBytes(packet);
    if (packet.length > 2) {
      packet[2] &= 0x7f;
    }
    return packet;
  }

  private static byte[] mutate(byte[] valid, Random random) {
    byte[] packet = java.util.Arrays.copyOf(valid, Math.max(12, valid.length + random.nextInt(9) - 4));
    int flips = 1 + random.nextInt(4);
    for (int f = 0; f < flips; f++) {
      packet[random.nextInt(packet.length)] ^= (byte) (1 << random.nextInt(8));
    }
    packet[2] &= 0x7f;
    return packet;
  }
}
