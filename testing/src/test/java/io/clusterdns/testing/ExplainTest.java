package io.clusterdns.testing;

import static io.clusterdns.testing.Kube.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.explain.Explanation;
import io.clusterdns.resolver.ResolverBehaviour;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code dns.explain(name)}: the declared pod's resolver, each query, and why, from the live cluster. */
class ExplainTest {
  @RegisterExtension
  final ClusterDnsExtension dns = new ClusterDnsExtension()
      .with(service("orders").namespace("shop").headless().port("http", 80).notReadyEndpoint("10.244.1.7"))
      .podNamespace("shop")
      .behaviour(ResolverBehaviour.MUSL);

  @Test
  void saysWhyANameDoesNotResolveAndFollowsChanges() {
    Explanation explanation = dns.explain("orders");

    assertFalse(explanation.resolved());
    assertEquals("orders.shop.svc.cluster.local", explanation.steps().get(0).exchange().name());
    assertEquals(List.of("kubernetes: the headless Service shop/orders has no ready endpoints (not-ready ones are"
        + " published only with publishNotReadyAddresses): NXDOMAIN"),
        explanation.steps().get(0).reasons().stream().map(Object::toString).toList());
    dns.assertQueries().named("orders.shop.svc.cluster.local").hasSize(1);

    dns.cluster().apply(service("orders").namespace("shop").headless().port("http", 80).endpoint("10.244.1.7"));
    Explanation ready = dns.explain("orders");
    assertTrue(ready.resolved(), ready.text());
    assertEquals(List.of("kubernetes: the headless Service shop/orders: 1 ready endpoint 10.244.1.7"),
        ready.steps().get(0).reasons().stream().map(Object::toString).toList());
  }
}
