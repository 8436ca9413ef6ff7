package io.clusterdns.testing;

import io.clusterdns.resolver.Resolution;
import static io.clusterdns.testing.Kube.service;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/** The ten-line test of the README, word for word: if this fails, the README is wrong. */
class ReadmeExampleTest {
  @RegisterExtension
  final ClusterDnsExtension dns = new ClusterDnsExtension()
      .with(service("nginx-service").namespace("default").clusterIp("10.96.0.20"));

  @Test
  void shortNameResolvesThroughTheSearchPath() {
    Resolution found = dns.resolver().lookup("nginx-service", Type.A);
    assertEquals("10.96.0.20", found.addresses().get(0).getHostAddress());
    assertEquals(List.of("nginx-service.default.svc.cluster.local"), found.queriedNames());
    dns.assertQueries().named("nginx-service.default.svc.cluster.local").ofType(Type.A).hasSize(1);
  }
}
