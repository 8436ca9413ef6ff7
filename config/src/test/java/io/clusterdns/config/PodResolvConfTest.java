package io.clusterdns.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterdns.config.PodResolvConf.DnsConfig;
import io.clusterdns.config.PodResolvConf.DnsPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodResolvConfTest {
  private static final ResolvConf NODE = ResolvConf.parse(
      "nameserver 192.0.2.53\nsearch corp.example\noptions timeout:2 rotate\n");

  @Test
  void clusterFirstIsWhatEveryPodGets() {
    assertEquals("""
        nameserver 10.96.0.10
        search shop.svc.cluster.local svc.cluster.local cluster.local corp.example
        options ndots:5
        """, PodResolvConf.pod().namespace("shop").node(NODE).build().text());
  }

  @Test
  void hostNetworkPodWithClusterFirstGetsTheNodesFile() {
    assertEquals(NODE, PodResolvConf.pod().hostNetwork(true).node(NODE).build());
  }

  @Test
  void clusterFirstWithHostNetKeepsClusterDnsForAHostNetworkPod() {
    ResolvConf conf = PodResolvConf.pod().hostNetwork(true).dnsPolicy(DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET)
        .node(NODE).build();
    assertEquals(List.of("10.96.0.10"), conf.nameservers());
    assertEquals(5, conf.ndots());
  }

  @Test
  void withoutClusterDnsClusterFirstFallsBackToDefault() {
    assertEquals(NODE, PodResolvConf.pod().clusterDns(List.of()).node(NODE).build());
  }

  @Test
  void dnsConfigIsAppendedDeduplicatedAndItsOptionsWin() {
    ResolvConf conf = PodResolvConf.pod().node(NODE)
        .dnsConfig(new DnsConfig(List.of("10.96.0.10", "192.0.2.99"), List.of("svc.cluster.local", "extra.example"),
            Map.of("ndots", "2", "edns0", "")))
        .build();
    assertEquals(List.of("10.96.0.10", "192.0.2.99"), conf.nameservers());
    assertEquals(List.of("default.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example",
        "extra.example"), conf.search());
    assertEquals(2, conf.ndots());
    assertEquals(Map.of("ndots", "2", "edns0", ""), conf.options());
  }

  @Test
  void noneTakesOnlyDnsConfigAndNeedsANameServer() {
    ResolvConf conf = PodResolvConf.pod().dnsPolicy(DnsPolicy.NONE).node(NODE)
        .dnsConfig(new DnsConfig(List.of("192.0.2.7"), List.of("only.example"), Map.of())).build();
    assertEquals(new ResolvConf(List.of("192.0.2.7"), List.of("only.example"), Map.of()), conf);
    assertThrows(IllegalArgumentException.class,
        () -> PodResolvConf.pod().dnsPolicy(DnsPolicy.NONE).build());
  }

  @Test
  void atMostThreeNameServers() {
    ResolvConf conf = PodResolvConf.pod()
        .dnsConfig(new DnsConfig(List.of("192.0.2.1", "192.0.2.2", "192.0.2.3"), List.of(), Map.of())).build();
    assertEquals(List.of("10.96.0.10", "192.0.2.1", "192.0.2.2"), conf.nameservers());
  }

  @Test
  void searchListIsCutToKubeletsLimits() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add("d" + i + ".example");
    }
    assertEquals(32, PodResolvConf.withinSearchLimits(many).size());
    String tooLong = "x".repeat(254) + ".example";
    assertEquals(List.of("a.example"), PodResolvConf.withinSearchLimits(List.of(tooLong, "a.example")));
    List<String> wide = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      wide.add(i + "y".repeat(249));
    }
    List<String> kept = PodResolvConf.withinSearchLimits(wide);
    assertEquals(8, kept.size(), "8 domains of 250 characters and 7 spaces make 2,007; a ninth passes 2,048");
    assertEquals(wide.subList(0, 8), kept);
  }
}
