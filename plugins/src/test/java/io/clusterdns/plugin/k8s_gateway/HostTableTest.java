package io.clusterdns.plugin.k8s_gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.testkit.CorefileSnippets;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import io.clusterdns.plugin.cluster.GatewaySnapshot;
import io.clusterdns.plugin.cluster.IngressInfo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/** What the log is told when objects share a host name, and what exists only as an ancestor. */
class HostTableTest {
  private static GatewayOptions options() throws CorefileException {
    return GatewaySetup.parse(
        CorefileSnippets.directive("k8s_gateway example.test"), new FakeSetupContext("example.test."));
  }

  @Test
  void namesEveryObjectThatClaimsAHost() throws CorefileException {
    HostTable table =
        HostTable.build(GatewayFixture.cluster(true), GatewayFixture.gateways(), options(), namespace -> true);

    assertEquals(
        List.of("shared.example.test. is claimed by Ingress shop/shared-a, Ingress shop/shared-b"),
        table.conflicts());
  }

  @Test
  void oneObjectNamingAHostTwiceIsNoConflictAndAncestorsExistEmpty() throws CorefileException {
    GatewaySnapshot snapshot =
        new GatewaySnapshot(
            List.of(new IngressInfo("default", "twice", "", List.of("a.b.c.example.test", "a.b.c.example.test"),
                List.of("192.0.2.1"))),
            List.of(), List.of(), 1);
    HostTable table = HostTable.build(GatewayFixture.cluster(true), snapshot, options(), namespace -> true);

    assertEquals(List.of(), table.conflicts());
    assertEquals(true, table.isNonTerminal(Name.fromConstantString("b.c.example.test.")));
    assertEquals(true, table.isNonTerminal(Name.fromConstantString("c.example.test.")));
    assertEquals(false, table.isNonTerminal(Name.fromConstantString("example.test.")));
    assertEquals(false, table.isNonTerminal(Name.fromConstantString("a.b.c.example.test.")));
  }
}
