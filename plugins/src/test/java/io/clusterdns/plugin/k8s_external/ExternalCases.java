package io.clusterdns.plugin.k8s_external;

import static io.clusterdns.plugin.k8s_external.ExternalCase.coredns;
import static io.clusterdns.plugin.k8s_external.ExternalCase.ours;
import static org.xbill.DNS.Type.A;
import static org.xbill.DNS.Type.AAAA;
import static org.xbill.DNS.Type.MX;
import static org.xbill.DNS.Type.NS;
import static org.xbill.DNS.Type.PTR;
import static org.xbill.DNS.Type.SOA;
import static org.xbill.DNS.Type.SRV;
import static org.xbill.DNS.Type.TXT;

import java.util.List;

/**
 * CoreDNS's k8s_external test table (plugin/k8s_external/external_test.go and apex_test.go, the
 * reference's b.5), row for row, then rows of ours. The cluster is CoreDNS's fixture ({@code
 * external-cluster.yaml}): in {@code testns}, svc1 (external IP 1.2.3.4), svc6 (1:2::5), svc11
 * (LoadBalancer, 2.3.4.5), svc12 (LoadBalancer host name dummy.hostname), svc-headless (endpoints
 * endpoint-svc-0 1.2.3.4 and endpoint-svc-1 1.2.3.5), plus ours: svc-noports (3.4.5.6, no ports)
 * and svc-internal (no external address). The plugin is {@code k8s_external example.com
 * in-addr.arpa { headless }}; this server's own address is 127.0.0.1.
 */
public final class ExternalCases {
  public static final String DIRECTIVE = "k8s_external example.com in-addr.arpa {\n headless\n}";
  static final String SVC1 = "svc1.testns.example.com.";
  static final String SVC6 = "svc6.testns.example.com.";
  static final String SVC11 = "svc11.testns.example.com.";
  static final String SVC12 = "svc12.testns.example.com.";
  static final String HDLS = "svc-headless.testns.example.com.";
  static final String EP0 = "endpoint-svc-0." + HDLS;
  static final String EP1 = "endpoint-svc-1." + HDLS;

  private ExternalCases() {}

  public static List<ExternalCase> all() {
    return List.of(
        // external_test.go
        coredns("4.3.2.1.in-addr.arpa.", PTR)
            .answer("4.3.2.1.in-addr.arpa. 5 IN PTR " + SVC1),
        coredns(SVC1, PTR).nodata(),
        coredns("not-existing.testns.example.com.", PTR).nx(),
        coredns(SVC1, A).answer(SVC1 + " 5 IN A 1.2.3.4"),
        coredns(SVC1, SRV).answer(SVC1 + " 5 IN SRV 0 100 80 " + SVC1).extra(SVC1 + " 5 IN A 1.2.3.4"),
        coredns("*._not-udp-or-tcp." + SVC1, SRV).nx(),
        coredns("_http._tcp." + SVC1, SRV)
            .answer("_http._tcp." + SVC1 + " 5 IN SRV 0 100 80 " + SVC1)
            .extra(SVC1 + " 5 IN A 1.2.3.4"),
        coredns(SVC1, AAAA).nodata(),
        coredns("svc0.testns.example.com.", AAAA).nx(),
        coredns("svc0.testns.example.com.", A).nx(),
        coredns("svc0.svc-nons.example.com.", A).nx(),
        coredns(SVC6, AAAA).answer(SVC6 + " 5 IN AAAA 1:2:0:0:0:0:0:5"),
        coredns("_http._tcp." + SVC6, SRV)
            .answer("_http._tcp." + SVC6 + " 5 IN SRV 0 100 80 " + SVC6)
            .extra(SVC6 + " 5 IN AAAA 1:2:0:0:0:0:0:5"),
        coredns(SVC6, SRV).answer(SVC6 + " 5 IN SRV 0 100 80 " + SVC6).extra(SVC6 + " 5 IN AAAA 1:2:0:0:0:0:0:5"),
        coredns("testns.example.com.", A).nodata(),
        coredns("testns.example.com.", SOA).nodata(),
        coredns(SVC11, A).answer(SVC11 + " 5 IN A 2.3.4.5"),
        coredns("_http._tcp." + SVC11, SRV)
            .answer("_http._tcp." + SVC11 + " 5 IN SRV 0 100 80 " + SVC11)
            .extra(SVC11 + " 5 IN A 2.3.4.5"),
        coredns(SVC11, SRV).answer(SVC11 + " 5 IN SRV 0 100 80 " + SVC11).extra(SVC11 + " 5 IN A 2.3.4.5"),
        coredns(SVC12, A).answer(SVC12 + " 5 IN CNAME dummy.hostname."),
        coredns("_http._tcp." + SVC12, SRV)
            .answer("_http._tcp." + SVC12 + " 5 IN SRV 0 100 80 dummy.hostname."),
        coredns(SVC12, SRV).answer(SVC12 + " 5 IN SRV 0 100 80 dummy.hostname."),
        coredns(HDLS, A).answer(HDLS + " 5 IN A 1.2.3.4", HDLS + " 5 IN A 1.2.3.5"),
        coredns(HDLS, SRV)
            .answer(HDLS + " 5 IN SRV 0 50 80 " + EP0, HDLS + " 5 IN SRV 0 50 80 " + EP1)
            .extra(EP0 + " 5 IN A 1.2.3.4", EP1 + " 5 IN A 1.2.3.5"),
        coredns("_http._tcp." + HDLS, SRV)
            .answer("_http._tcp." + HDLS + " 5 IN SRV 0 50 80 " + EP0,
                "_http._tcp." + HDLS + " 5 IN SRV 0 50 80 " + EP1)
            .extra(EP0 + " 5 IN A 1.2.3.4", EP1 + " 5 IN A 1.2.3.5"),
        coredns(EP0, SRV).answer(EP0 + " 5 IN SRV 0 100 80 " + EP0).extra(EP0 + " 5 IN A 1.2.3.4"),
        coredns(EP1, SRV).answer(EP1 + " 5 IN SRV 0 100 80 " + EP1).extra(EP1 + " 5 IN A 1.2.3.5"),
        coredns(EP0, A).answer(EP0 + " 5 IN A 1.2.3.4"),
        coredns(EP1, A).answer(EP1 + " 5 IN A 1.2.3.5"),
        // apex_test.go
        coredns("example.com.", SOA).answer(ExternalCase.SOA),
        coredns("example.com.", NS)
            .answer("example.com. 5 IN NS ns1.dns.example.com.")
            .extra("ns1.dns.example.com. 5 IN A 127.0.0.1")
            .local(),
        coredns("example.com.", SRV).nodata(),
        coredns("dns.example.com.", SRV).nodata(),
        coredns("dns.example.com.", NS).nodata(),
        coredns("ns1.dns.example.com.", SRV).nodata(),
        coredns("ns1.dns.example.com.", NS).nodata(),
        coredns("ns1.dns.example.com.", AAAA).nodata().local(),
        coredns("ns1.dns.example.com.", A).answer("ns1.dns.example.com. 5 IN A 127.0.0.1").local(),
        // ours
        ours("b.5 other names under the apex", "www.dns.example.com.", A).nx(),
        ours("b.5 other qtypes of an existing name", SVC1, TXT).nodata(),
        ours("b.5 other qtypes of an existing name", SVC1, MX).nodata(),
        ours("b.5 reverse of an address that is no external IP", "99.3.2.1.in-addr.arpa.", PTR)
            .rcode(org.xbill.DNS.Rcode.NXDOMAIN)
            .authority("in-addr.arpa. 5 IN SOA ns1.dns.in-addr.arpa. hostmaster.dns.in-addr.arpa. "
                + "SERIAL 7200 1800 86400 5"),
        ours("R9 a Service without external address", "svc-internal.testns.example.com.", A).nx(),
        ours("too long", "a.b._http._tcp." + SVC1, A).nx(),
        ours("endpoint names only for headless Services", "x." + SVC1, A).nx(),
        ours("no ports: A answered", "svc-noports.testns.example.com.", A)
            .answer("svc-noports.testns.example.com. 5 IN A 3.4.5.6"),
        ours("no ports: SRV is NODATA", "svc-noports.testns.example.com.", SRV).nodata(),
        ours("unknown endpoint of a headless Service", "endpoint-svc-9." + HDLS, A).nx(),
        ours("headless endpoint of the wrong family", EP0, AAAA).nodata(),
        ours("case is kept in the owner", "SVC1.TestNS.Example.COM.", A)
            .answer("SVC1.TestNS.Example.COM. 5 IN A 1.2.3.4"));
  }
}
