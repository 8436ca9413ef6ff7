package io.clusterdns.plugin.k8s_gateway;

import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.GatewayInfo;
import io.clusterdns.plugin.cluster.GatewaySnapshot;
import io.clusterdns.plugin.cluster.IngressInfo;
import io.clusterdns.plugin.cluster.PortInfo;
import io.clusterdns.plugin.cluster.RouteInfo;
import io.clusterdns.plugin.cluster.ServiceInfo;
import io.clusterdns.plugin.cluster.ServiceKind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.xbill.DNS.Address;

/**
 * Objects in the zone {@code example.test}, the same as {@code gateway-cluster.yaml} of the
 * server tests: Ingresses (several hosts, a TLS host, a wildcard and an exact host under it, a
 * host name status, no status, two classes, two Ingresses on one host), a Gateway with a listener
 * host name and routes attached to it (accepted, and not accepted), LoadBalancer Services.
 */
final class GatewayFixture {
  static final long SERIAL = 1_700_000_100L;
  static final PortInfo HTTP = new PortInfo("http", "tcp", 80);

  private GatewayFixture() {}

  static GatewaySnapshot gateways() {
    return new GatewaySnapshot(
        List.of(
            new IngressInfo("default", "app", "nginx", List.of("app.example.test", "www.example.test", "secure.example.test"),
                List.of("192.0.2.10")),
            new IngressInfo("default", "wild", "nginx", List.of("*.apps.example.test"), List.of("192.0.2.20")),
            new IngressInfo("default", "exact", "nginx", List.of("special.apps.example.test"), List.of("192.0.2.21")),
            new IngressInfo("default", "cloud", "nginx", List.of("cloud.example.test"), List.of("lb-123.elb.example.net")),
            new IngressInfo("default", "pending", "nginx", List.of("pending.example.test"), List.of()),
            new IngressInfo("default", "other-class", "traefik", List.of("traefik.example.test"), List.of("192.0.2.30")),
            new IngressInfo("shop", "shared-a", "nginx", List.of("shared.example.test"), List.of("192.0.2.41")),
            new IngressInfo("shop", "shared-b", "nginx", List.of("shared.example.test"), List.of("192.0.2.40", "2001:db8::40")),
            new IngressInfo("default", "outside", "nginx", List.of("app.elsewhere.test"), List.of("192.0.2.50"))),
        List.of(
            new GatewayInfo("infra", "gw", "istio", List.of("listener.example.test"), List.of("192.0.2.60", "2001:db8::60")),
            new GatewayInfo("infra", "other-gw", "cilium", List.of(), List.of("192.0.2.70"))),
        List.of(
            new RouteInfo("HTTPRoute", "default", "web", List.of("web.example.test"), List.of("infra/gw")),
            new RouteInfo("GRPCRoute", "default", "rpc", List.of("rpc.example.test"), List.of("infra/gw")),
            new RouteInfo("TLSRoute", "default", "tls", List.of("tls.example.test"), List.of("infra/other-gw")),
            new RouteInfo("HTTPRoute", "default", "rejected", List.of("rejected.example.test"), List.of())),
        SERIAL);
  }

  static ClusterSnapshot cluster(boolean synced) {
    ClusterSnapshot.Builder b = ClusterSnapshot.builder();
    b.service(new ServiceInfo("default", "numbers-web", ServiceKind.CLUSTER_IP, List.of(ip("10.96.7.1")), "",
        List.of(HTTP), List.of("192.0.2.80"), false, true));
    b.service(new ServiceInfo("default", "lb-host", ServiceKind.CLUSTER_IP, List.of(ip("10.96.7.2")), "",
        List.of(HTTP), List.of("lb-9.elb.example.net"), false, true));
    b.service(new ServiceInfo("default", "with-external-ip", ServiceKind.CLUSTER_IP, List.of(ip("10.96.7.3")), "",
        List.of(HTTP), List.of("192.0.2.90"), false, false));
    return b.build(synced, SERIAL - 50);
  }

  static InetAddress ip(String text) {
    try {
      return Address.getByAddress(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
