package io.clusterdns.plugin.kubernetes;

import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.EndpointInfo;
import io.clusterdns.plugin.cluster.PodInfo;
import io.clusterdns.plugin.cluster.PortInfo;
import io.clusterdns.plugin.cluster.ServiceInfo;
import io.clusterdns.plugin.cluster.ServiceKind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.Address;

/**
 * A hand-built cluster in the spirit of CoreDNS's handler tests: ClusterIP, dual-stack,
 * IPv6-only, headless (with hostnames, dashed IPv4/IPv6 names, no ports, no endpoints),
 * ExternalName to in-zone, out-of-zone and IP targets, and pods.
 */
final class ClusterFixture {
  static final long SERIAL = 1_700_000_000L;

  static final PortInfo HTTP = new PortInfo("http", "tcp", 80);
  static final PortInfo DNS = new PortInfo("dns", "udp", 53);
  static final PortInfo DNS_TCP = new PortInfo("dns-tcp", "tcp", 53);
  static final PortInfo UNNAMED = new PortInfo("", "tcp", 8080);

  private ClusterFixture() {}

  static ClusterSnapshot snapshot(boolean synced) {
    ClusterSnapshot.Builder b = ClusterSnapshot.builder();
    b.namespace("emptyns");
    clusterIp(b, "testns", "svc1", List.of(HTTP), "10.0.0.1");
    b.endpoints("testns", "svc1", List.of(endpoint("172.0.0.1", null, "svc1-pod-abcde", HTTP)));
    clusterIp(b, "testns", "svcempty", List.of(HTTP), "10.0.0.2");
    clusterIp(b, "testns", "svcnoports", List.of(), "10.0.0.5");
    b.endpoints("testns", "svcnoports", List.of(endpoint("172.0.0.5", null, null)));
    clusterIp(b, "testns", "svc6", List.of(HTTP), "1234:abcd::1");
    b.endpoints("testns", "svc6", List.of(endpoint("1234:abcd::2", null, null, HTTP)));
    clusterIp(b, "testns", "dual", List.of(HTTP, DNS, UNNAMED), "10.0.0.3", "1234:abcd::3");
    b.endpoints("testns", "dual", List.of(endpoint("172.0.0.3", null, null, HTTP, DNS, UNNAMED)));

    headless(b, "testns", "hdls1", List.of(HTTP));
    b.endpoints(
        "testns",
        "hdls1",
        List.of(
            endpoint("172.0.0.2", "pod-1", null, HTTP),
            endpoint("172.0.0.4", null, "hdls1-xyz", HTTP),
            endpoint("5678:abcd::1", null, null, HTTP)));
    b.endpoints(
        "testns", "hdls1", List.of(endpoint("2001:db8:3333:4444:5555:6666::", null, null, HTTP)));
    headless(b, "testns", "hdlsnoports", List.of());
    b.endpoints("testns", "hdlsnoports", List.of(endpoint("172.0.0.20", null, null)));
    headless(b, "testns", "hdlsempty", List.of(HTTP));

    external(b, "external", "ext.interwebs.test");
    external(b, "extinzone", "svc1.testns.svc.cluster.local");
    external(b, "extmissing", "nothere.testns.svc.cluster.local");
    external(b, "extip", "1.2.3.4");
    external(b, "extchain", "external.testns.svc.cluster.local");
    external(b, "extloop", "extloop.testns.svc.cluster.local");
    external(b, "extfail", "upstream-fails.test");
    external(b, "extnx", "nx.test");
    external(b, "exttc", "truncated.test");

    clusterIp(b, "othns", "svc2", List.of(HTTP), "10.0.0.10");
    b.endpoints("othns", "svc2", List.of(endpoint("172.0.1.10", null, null, HTTP)));
    headless(b, "othns", "hdls2", List.of(HTTP));
    b.endpoints("othns", "hdls2", List.of(endpoint("172.0.0.2", null, null, HTTP)));

    clusterIp(b, "kube-system", "kube-dns", List.of(DNS, DNS_TCP), "10.96.0.10");
    b.endpoints("kube-system", "kube-dns", List.of(endpoint("10.244.0.5", null, "coredns-1", DNS, DNS_TCP)));

    b.pod(new PodInfo("testns", "web-0", ip("172.0.0.7")));
    b.pod(new PodInfo("othns", "web-1", ip("172.0.0.8")));
    return b.build(synced, SERIAL);
  }

  private static void clusterIp(
      ClusterSnapshot.Builder b, String ns, String name, List<PortInfo> ports, String... ips) {
    b.service(
        new ServiceInfo(
            ns, name, ServiceKind.CLUSTER_IP,
            Arrays.stream(ips).map(ClusterFixture::ip).toList(), "", ports, List.of(), false));
  }

  private static void headless(ClusterSnapshot.Builder b, String ns, String name, List<PortInfo> ports) {
    b.service(new ServiceInfo(ns, name, ServiceKind.HEADLESS, List.of(), "", ports, List.of(), false));
  }

  private static void external(ClusterSnapshot.Builder b, String name, String target) {
    b.service(
        new ServiceInfo(
            "testns", name, ServiceKind.EXTERNAL_NAME, List.of(), target, List.of(HTTP), List.of(),
            false));
  }

  static EndpointInfo endpoint(String ip, String hostname, String podName, PortInfo... ports) {
    return new EndpointInfo(ip(ip), hostname, podName, null, List.of(ports));
  }

  static InetAddress ip(String text) {
    try {
      return Address.getByAddress(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
