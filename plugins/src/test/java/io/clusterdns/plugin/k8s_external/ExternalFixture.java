package io.clusterdns.plugin.k8s_external;

import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.EndpointInfo;
import io.clusterdns.plugin.cluster.PortInfo;
import io.clusterdns.plugin.cluster.ServiceInfo;
import io.clusterdns.plugin.cluster.ServiceKind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.xbill.DNS.Address;

/** CoreDNS's k8s_external fixture and ours, as a snapshot (the same as external-cluster.yaml). */
final class ExternalFixture {
  static final long SERIAL = 1_499_347_823L;
  static final PortInfo HTTP = new PortInfo("http", "tcp", 80);

  private ExternalFixture() {}

  static ClusterSnapshot snapshot(boolean synced) {
    ClusterSnapshot.Builder b = ClusterSnapshot.builder();
    service(b, "svc1", ServiceKind.CLUSTER_IP, List.of(HTTP), "10.0.0.1", "1.2.3.4");
    service(b, "svc6", ServiceKind.CLUSTER_IP, List.of(HTTP), "10.0.0.3", "1:2::5");
    service(b, "svc11", ServiceKind.CLUSTER_IP, List.of(HTTP), "10.0.0.3", "2.3.4.5");
    service(b, "svc12", ServiceKind.CLUSTER_IP, List.of(HTTP), "10.0.0.3", "dummy.hostname");
    service(b, "svc-noports", ServiceKind.CLUSTER_IP, List.of(), "10.0.0.4", "3.4.5.6");
    service(b, "svc-internal", ServiceKind.CLUSTER_IP, List.of(HTTP), "10.0.0.5", null);
    b.service(
        new ServiceInfo(
            "testns", "svc-headless", ServiceKind.HEADLESS, List.of(), "", List.of(HTTP), List.of(), false));
    b.endpoints(
        "testns",
        "svc-headless",
        List.of(
            new EndpointInfo(ip("1.2.3.4"), "endpoint-svc-0", "endpoint-svc-0", null, List.of(HTTP)),
            new EndpointInfo(ip("1.2.3.5"), "endpoint-svc-1", "endpoint-svc-1", null, List.of(HTTP))));
    return b.build(synced, SERIAL);
  }

  private static void service(
      ClusterSnapshot.Builder b, String name, ServiceKind kind, List<PortInfo> ports, String clusterIp,
      String external) {
    b.service(
        new ServiceInfo(
            "testns", name, kind, List.of(ip(clusterIp)), "", ports,
            external == null ? List.of() : List.of(external), false));
  }

  static InetAddress ip(String text) {
    try {
      return Address.getByAddress(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
