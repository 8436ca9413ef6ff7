package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * loadbalance in front of the kubernetes plugin, over real UDP: a headless Service's addresses
 * come back in varying orders, where the same server without loadbalance always gives one.
 *
 * <p>With a fair shuffle of 3 addresses, the chance that 50 replies show fewer than 3 distinct
 * first addresses is at most 3 × (2/3)^50 ≈ 5e-9, so a failure means the order is not shuffled.
 */
class LoadbalanceOverUdpTest {
  private static final int QUERIES = 50;
  private static final Set<String> HEADLESS = Set.of("10.244.0.11", "10.244.0.12", "10.244.0.13");

  private static ClusterDns balanced;
  private static ClusterDns plain;

  @BeforeAll
  static void start() throws Exception {
    Path manifests = Path.of(LoadbalanceOverUdpTest.class.getResource("rewrite-loadbalance-cluster.yaml").toURI());
    String kubernetes = "  kubernetes cluster.local {\n    manifests " + manifests + "\n  }\n";
    balanced = ClusterDns.builder().corefile("cluster.local:0 {\n" + kubernetes + "  loadbalance\n}\n").start();
    plain = ClusterDns.builder().corefile("cluster.local:0 {\n" + kubernetes + "}\n").start();
  }

  @AfterAll
  static void stop() {
    balanced.close();
    plain.close();
  }

  /** The answer's types and data in order, after checking the set of addresses is the whole one. */
  private static List<String> answer(ClusterDns server, String name) throws IOException {
    Message reply = DnsProbe.udp(server.udpAddress(), DnsProbe.query(name, Type.A));
    List<Record> records = reply.getSection(Section.ANSWER);
    Set<String> addresses = new HashSet<>();
    records.stream().filter(r -> r.getType() == Type.A).forEach(r -> addresses.add(r.rdataToString()));
    assertEquals(HEADLESS, addresses, "every ready endpoint in every reply");
    return records.stream().map(r -> Type.string(r.getType()) + " " + r.rdataToString()).toList();
  }

  @Test
  void headlessAddressesComeBackInVaryingOrders() throws Exception {
    Set<String> firsts = new HashSet<>();
    Set<List<String>> orders = new HashSet<>();
    for (int i = 0; i < QUERIES; i++) {
      List<String> answer = answer(balanced, "headless.default.svc.cluster.local.");
      firsts.add(answer.get(0));
      orders.add(answer);
    }
    assertEquals(3, firsts.size(), "distinct first addresses in " + QUERIES + " replies: " + firsts);

    Set<List<String>> plainOrders = new HashSet<>();
    for (int i = 0; i < QUERIES; i++) {
      plainOrders.add(answer(plain, "headless.default.svc.cluster.local."));
    }
    assertEquals(1, plainOrders.size(), "without loadbalance the order is fixed, so the shuffle is loadbalance's");
  }

  @Test
  void theCnameStaysFirstAndTheAddressesAfterItAreShuffled() throws Exception {
    Set<String> firstAddresses = new HashSet<>();
    for (int i = 0; i < QUERIES; i++) {
      List<String> answer = answer(balanced, "alias.default.svc.cluster.local.");
      assertEquals("CNAME headless.default.svc.cluster.local.", answer.get(0), "reply " + i + ": " + answer);
      firstAddresses.add(answer.get(1));
    }
    assertEquals(3, firstAddresses.size(), "distinct first addresses after the CNAME: " + firstAddresses);
  }

  @Test
  void theWeightedPolicyPutsTheHeaviestAddressFirstNearlyAlways(@TempDir Path dir) throws Exception {
    Path manifests = Path.of(LoadbalanceOverUdpTest.class.getResource("rewrite-loadbalance-cluster.yaml").toURI());
    Files.writeString(dir.resolve("weights"), "headless.default.svc.cluster.local\n10.244.0.13 255\n");
    String corefile = "cluster.local:0 {\n  kubernetes cluster.local {\n    manifests " + manifests + "\n  }\n"
        + "  loadbalance weighted " + dir.resolve("weights") + " {\n    reload 0s\n  }\n}\n";
    try (ClusterDns weighted = ClusterDns.builder().corefile(corefile).start()) {
      int heaviestFirst = 0;
      for (int i = 0; i < QUERIES; i++) {
        heaviestFirst += answer(weighted, "headless.default.svc.cluster.local.").get(0).equals("A 10.244.0.13") ? 1 : 0;
      }
      // Drawn with probability 255/257 each time: fewer than 45 of 50 has odds of about 3e-6.
      assertTrue(heaviestFirst >= 45, heaviestFirst + " of " + QUERIES);
    }
  }
}
