package io.clusterdns.plugin.kubernetes;

import static io.clusterdns.plugin.kubernetes.DnsCase.ptr;
import static io.clusterdns.plugin.kubernetes.DnsCase.q;
import static io.clusterdns.plugin.kubernetes.DnsCase.soa;
import static org.xbill.DNS.Type.A;
import static org.xbill.DNS.Type.AAAA;
import static org.xbill.DNS.Type.ANY;
import static org.xbill.DNS.Type.AXFR;
import static org.xbill.DNS.Type.CAA;
import static org.xbill.DNS.Type.CNAME;
import static org.xbill.DNS.Type.HINFO;
import static org.xbill.DNS.Type.IXFR;
import static org.xbill.DNS.Type.MX;
import static org.xbill.DNS.Type.NS;
import static org.xbill.DNS.Type.PTR;
import static org.xbill.DNS.Type.SOA;
import static org.xbill.DNS.Type.SRV;
import static org.xbill.DNS.Type.TXT;

import java.util.List;
import org.xbill.DNS.Rcode;

/**
 * The rule book as a table: one row per record form the Kubernetes DNS specification requires,
 * per negative-answer rule, per qtype and outcome of CoreDNS's query handling, per option of the
 * plugin, and for the apex name servers (the D, R and K rules are stated in docs/decisions.md). Run
 * against {@link ClusterFixture} with an upstream that knows {@code ext.interwebs.test}.
 */
public final class KubernetesDnsCases {
  static final String SVC1 = "svc1.testns.svc.cluster.local.";
  static final String HDLS1 = "hdls1.testns.svc.cluster.local.";
  static final String DUAL = "dual.testns.svc.cluster.local.";
  static final String EXTERNAL = "external.testns.svc.cluster.local.";

  private KubernetesDnsCases() {}

  public static List<DnsCase> all() {
    return List.of(
        // a.2 record forms
        q("dns-version.cluster.local.", TXT).rule("a.2 schema version")
            .answer("dns-version.cluster.local. 28800 IN TXT \"1.1.0\""),
        q(SVC1, A).rule("a.2 ClusterIP A").answer(SVC1 + " 5 IN A 10.0.0.1"),
        q("svc6.testns.svc.cluster.local.", AAAA).rule("a.2 ClusterIP AAAA")
            .answer("svc6.testns.svc.cluster.local. 5 IN AAAA 1234:abcd::1"),
        q(DUAL, A).rule("a.2 dual-stack A").answer(DUAL + " 5 IN A 10.0.0.3"),
        q(DUAL, AAAA).rule("a.2 dual-stack AAAA").answer(DUAL + " 5 IN AAAA 1234:abcd::3"),
        q("_http._tcp." + SVC1, SRV).rule("a.2 ClusterIP SRV")
            .answer("_http._tcp." + SVC1 + " 5 IN SRV 0 100 80 " + SVC1)
            .extra(SVC1 + " 5 IN A 10.0.0.1"),
        q("_dns._udp." + DUAL, SRV).rule("a.2 dual-stack SRV, weight 100/2")
            .answer("_dns._udp." + DUAL + " 5 IN SRV 0 50 53 " + DUAL)
            .extra(DUAL + " 5 IN A 10.0.0.3", DUAL + " 5 IN AAAA 1234:abcd::3"),
        q(ptr("10.0.0.1"), PTR).rule("a.2 ClusterIP PTR v4")
            .answer(ptr("10.0.0.1") + " 5 IN PTR " + SVC1),
        q(ptr("1234:abcd::1"), PTR).rule("a.2 ClusterIP PTR v6 nibbles")
            .answer(ptr("1234:abcd::1") + " 5 IN PTR svc6.testns.svc.cluster.local."),
        q(HDLS1, A).rule("a.2 headless A per endpoint")
            .answer(HDLS1 + " 5 IN A 172.0.0.2", HDLS1 + " 5 IN A 172.0.0.4"),
        q(HDLS1, AAAA).rule("a.2 headless AAAA per endpoint")
            .answer(HDLS1 + " 5 IN AAAA 5678:abcd::1",
                HDLS1 + " 5 IN AAAA 2001:db8:3333:4444:5555:6666::"),
        q("pod-1." + HDLS1, A).rule("a.2 headless endpoint hostname")
            .answer("pod-1." + HDLS1 + " 5 IN A 172.0.0.2"),
        q("_http._tcp." + HDLS1, SRV).rule("a.2 headless SRV per endpoint x port, weight 100/4")
            .answer(
                "_http._tcp." + HDLS1 + " 5 IN SRV 0 25 80 pod-1." + HDLS1,
                "_http._tcp." + HDLS1 + " 5 IN SRV 0 25 80 172-0-0-4." + HDLS1,
                "_http._tcp." + HDLS1 + " 5 IN SRV 0 25 80 5678-abcd--1." + HDLS1,
                "_http._tcp." + HDLS1 + " 5 IN SRV 0 25 80 2001-db8-3333-4444-5555-6666--0." + HDLS1)
            .extra(
                "pod-1." + HDLS1 + " 5 IN A 172.0.0.2",
                "172-0-0-4." + HDLS1 + " 5 IN A 172.0.0.4",
                "5678-abcd--1." + HDLS1 + " 5 IN AAAA 5678:abcd::1",
                "2001-db8-3333-4444-5555-6666--0." + HDLS1 + " 5 IN AAAA 2001:db8:3333:4444:5555:6666::"),
        q(ptr("5678:abcd::1"), PTR).rule("a.2 headless endpoint PTR v6")
            .answer(ptr("5678:abcd::1") + " 5 IN PTR 5678-abcd--1." + HDLS1),
        q(ptr("172.0.0.2"), PTR).rule("D6 endpoint PTR across services, sorted")
            .answer(
                ptr("172.0.0.2") + " 5 IN PTR pod-1." + HDLS1,
                ptr("172.0.0.2") + " 5 IN PTR 172-0-0-2.hdls2.othns.svc.cluster.local."),
        q(ptr("172.0.0.1"), PTR).rule("D6 endpoint of a ClusterIP service")
            .answer(ptr("172.0.0.1") + " 5 IN PTR 172-0-0-1." + SVC1),
        q(EXTERNAL, CNAME).rule("a.2 ExternalName CNAME")
            .answer(EXTERNAL + " 5 IN CNAME ext.interwebs.test."),
        q(EXTERNAL, A).rule("a.2 ExternalName A chases upstream")
            .answer(EXTERNAL + " 5 IN CNAME ext.interwebs.test.",
                "ext.interwebs.test. 300 IN A 203.0.113.10"),
        q(EXTERNAL, AAAA).rule("a.2 ExternalName AAAA chases upstream")
            .answer(EXTERNAL + " 5 IN CNAME ext.interwebs.test.",
                "ext.interwebs.test. 300 IN AAAA 2001:db8::10"),

        // a.3
        q("hdlsempty.testns.svc.cluster.local.", A).rule("N1 headless without endpoints").nx(),
        q("hdlsempty.testns.svc.cluster.local.", AAAA).rule("N1 headless without endpoints").nx(),
        q("hdlsempty.testns.svc.cluster.local.", SRV).rule("N1 every qtype").nx(),
        q("hdlsempty.testns.svc.cluster.local.", TXT).rule("N1 every qtype").nx(),

        // b.2 name grammar
        q("cluster.local.", A).rule("b.2 apex A").nodata(),
        q("svc.cluster.local.", A).rule("b.2 svc node").nodata(),
        q("pod.cluster.local.", AAAA).rule("b.2 pod node").nodata(),
        q("testns.svc.cluster.local.", A).rule("b.2 namespace node").nodata(),
        q("emptyns.svc.cluster.local.", A).rule("b.2 namespace without services").nodata(),
        q("nons.svc.cluster.local.", A).rule("b.2 unknown namespace").nx(),
        q("testns.pod.cluster.local.", A).rule("b.2 pod namespace, pods disabled").nx(),
        q("testns.pod.cluster.local.", A).rule("b.2 pod namespace").with("pods insecure").nodata(),
        q("foo.cluster.local.", A).rule("b.2 last label not svc/pod").nx(),
        q("a.b.foo.cluster.local.", A).rule("b.2 last label not svc/pod").nx(),
        q("x._http._tcp." + SVC1, A).rule("b.2 too long").nx(),
        q("a.b.testns.pod.cluster.local.", A).rule("b.2 too long pod").with("pods insecure").nx(),
        q("*.testns.svc.cluster.local.", A).rule("D3 * is a label").nx(),
        q("any.testns.svc.cluster.local.", A).rule("D3 any is a label").nx(),
        q("*." + HDLS1, A).rule("D3 * endpoint").nx(),
        q("_*._tcp." + SVC1, SRV).rule("D3 * port").nx(),
        q("http.tcp." + SVC1, SRV).rule("b.2 port/proto without underscores")
            .answer("http.tcp." + SVC1 + " 5 IN SRV 0 100 80 " + SVC1)
            .extra(SVC1 + " 5 IN A 10.0.0.1"),
        q("_http._tcp." + SVC1, A).rule("b.2 port name answers A")
            .answer("_http._tcp." + SVC1 + " 5 IN A 10.0.0.1"),
        q("_http._tcp." + HDLS1, A).rule("b.2 headless port name answers A")
            .answer("_http._tcp." + HDLS1 + " 5 IN A 172.0.0.2", "_http._tcp." + HDLS1 + " 5 IN A 172.0.0.4"),

        // b.2 outcomes: missing things
        q("nosvc.testns.svc.cluster.local.", A).rule("b.2 service missing").nx(),
        q("svc1.nons.svc.cluster.local.", A).rule("b.2 namespace missing").nx(),
        q("nope." + HDLS1, A).rule("b.2 endpoint unknown").nx(),
        q("_https._tcp." + SVC1, SRV).rule("b.2 port unmatched").nx(),
        q("_http._udp." + SVC1, SRV).rule("b.2 proto unmatched").nx(),
        q("_http._udp." + HDLS1, SRV).rule("b.2 headless proto unmatched").nx(),

        // b.2 qtype A/AAAA
        q("svc6.testns.svc.cluster.local.", A).rule("b.2 A on IPv6-only").nodata(),
        q(SVC1, AAAA).rule("b.2 AAAA on IPv4-only").nodata(),
        q("pod-1." + HDLS1, AAAA).rule("b.2 AAAA on IPv4 endpoint").nodata(),
        q("5678-abcd--1." + HDLS1, AAAA).rule("b.1 IPv6 dashed endpoint name")
            .answer("5678-abcd--1." + HDLS1 + " 5 IN AAAA 5678:abcd::1"),
        q("2001-db8-3333-4444-5555-6666--0." + HDLS1, AAAA).rule("b.1 IPv6 trailing dash gets 0")
            .answer("2001-db8-3333-4444-5555-6666--0." + HDLS1 + " 5 IN AAAA 2001:db8:3333:4444:5555:6666::"),
        q("172-0-0-4." + HDLS1, A).rule("b.1 dashed IPv4 endpoint name")
            .answer("172-0-0-4." + HDLS1 + " 5 IN A 172.0.0.4"),
        q("hdls1-xyz." + HDLS1, A).rule("b.1 pod name needs endpoint_pod_names").nx(),
        q("hdls1-xyz." + HDLS1, A).rule("b.1 endpoint_pod_names").with("endpoint_pod_names")
            .answer("hdls1-xyz." + HDLS1 + " 5 IN A 172.0.0.4"),
        q("172-0-0-4." + HDLS1, A).rule("b.1 endpoint_pod_names replaces dashed name")
            .with("endpoint_pod_names").nx(),
        q("pod-1." + HDLS1, A).rule("b.1 hostname wins over pod name").with("endpoint_pod_names")
            .answer("pod-1." + HDLS1 + " 5 IN A 172.0.0.2"),
        q("172-0-0-1." + SVC1, A).rule("b.2 endpoint name of a ClusterIP service [ext]")
            .answer("172-0-0-1." + SVC1 + " 5 IN A 172.0.0.1"),
        q("svcnoports.testns.svc.cluster.local.", A).rule("R7 service without ports answers A")
            .answer("svcnoports.testns.svc.cluster.local. 5 IN A 10.0.0.5"),
        q("hdlsnoports.testns.svc.cluster.local.", A).rule("R6 endpoint without ports answers A")
            .answer("hdlsnoports.testns.svc.cluster.local. 5 IN A 172.0.0.20"),

        // b.2 qtype SRV
        q(SVC1, SRV).rule("b.2 SRV without port matches all")
            .answer(SVC1 + " 5 IN SRV 0 100 80 " + SVC1).extra(SVC1 + " 5 IN A 10.0.0.1"),
        q(DUAL, SRV).rule("b.2 SRV all ports incl. unnamed, weight 100/6")
            .answer(DUAL + " 5 IN SRV 0 16 80 " + DUAL, DUAL + " 5 IN SRV 0 16 53 " + DUAL,
                DUAL + " 5 IN SRV 0 16 8080 " + DUAL)
            .extra(DUAL + " 5 IN A 10.0.0.3", DUAL + " 5 IN AAAA 1234:abcd::3"),
        q("svcnoports.testns.svc.cluster.local.", SRV).rule("R7 no ports, SRV NODATA").nodata(),
        q("hdlsnoports.testns.svc.cluster.local.", SRV).rule("R6 port -1 skipped").nodata(),
        q(EXTERNAL, SRV).rule("b.2 ExternalName bare SRV").nodata(),
        q("_http._tcp." + EXTERNAL, SRV).rule("b.2 ExternalName port SRV").nx(),
        q("pod-1." + HDLS1, SRV).rule("b.2 SRV on endpoint name")
            .answer("pod-1." + HDLS1 + " 5 IN SRV 0 100 80 pod-1." + HDLS1)
            .extra("pod-1." + HDLS1 + " 5 IN A 172.0.0.2"),

        // b.2 qtype TXT / CNAME / MX / other
        q(SVC1, TXT).rule("b.2 TXT existing name").nodata(),
        q("nosvc.testns.svc.cluster.local.", TXT).rule("b.2 TXT missing name").nx(),
        q("cluster.local.", TXT).rule("D2 TXT at apex").nodata(),
        q("svc.cluster.local.", TXT).rule("D2 TXT at svc").nodata(),
        q("testns.svc.cluster.local.", TXT).rule("D2 TXT at namespace").nodata(),
        q("dns-version.cluster.local.", A).rule("D2 dns-version A").nodata(),
        q("dns-version.cluster.local.", AAAA).rule("D2 dns-version AAAA").nodata(),
        q(SVC1, CNAME).rule("b.2 CNAME on non-alias").nodata(),
        q("nosvc.testns.svc.cluster.local.", CNAME).rule("b.2 CNAME missing").nx(),
        q(SVC1, MX).rule("b.2 MX existing").nodata(),
        q("nosvc.testns.svc.cluster.local.", MX).rule("b.2 MX missing").nx(),
        q(SVC1, HINFO).rule("b.2 other type existing").nodata(),
        q(HDLS1, CAA).rule("b.2 other type existing").nodata(),
        q(SVC1, ANY).rule("b.2 ANY existing").nodata(),
        q("nosvc.testns.svc.cluster.local.", HINFO).rule("b.2 other type missing").nx(),
        q(SVC1, NS).rule("b.2 NS below apex").nodata(),

        // b.2 qtype PTR
        q(SVC1, PTR).rule("b.2 PTR on forward name").nodata(),
        q("nosvc.testns.svc.cluster.local.", PTR).rule("b.2 PTR on missing forward name").nx(),
        q(ptr("9.9.9.9"), PTR).rule("b.2 PTR no match").nx("in-addr.arpa."),
        q(ptr("172.0.0.7"), PTR).rule("b.2 pod IP that is no endpoint").with("pods verified")
            .nx("in-addr.arpa."),
        q("0.0.10.in-addr.arpa.", PTR).rule("b.2 partial reverse name").nx("in-addr.arpa."),
        q(ptr("10.0.0.1"), A).rule("b.2 A on existing reverse name").nodata("in-addr.arpa."),
        q(ptr("10.0.0.1"), PTR).rule("b.1 CIDR reverse zone").directive("kubernetes cluster.local 10.0.0.0/24")
            .answer(ptr("10.0.0.1") + " 5 IN PTR " + SVC1),
        q(ptr("172.0.0.1"), PTR).rule("b.1 outside CIDR reverse zone").directive("kubernetes cluster.local 10.0.0.0/24")
            .next(),
        q(ptr("10.0.0.9"), PTR).rule("b.1 CIDR reverse zone, SOA of the zone")
            .directive("kubernetes cluster.local 10.0.0.0/24").nx("0.0.10.in-addr.arpa."),
        q(ptr("10.0.0.1"), PTR).rule("b.1 primary zone is first non-reverse")
            .directive("kubernetes in-addr.arpa example.org cluster.local")
            .answer(ptr("10.0.0.1") + " 5 IN PTR svc1.testns.svc.example.org."),

        // b.2 SOA / NS / AXFR
        q("cluster.local.", SOA).rule("b.2 apex SOA").answer(soa("cluster.local.", 5)),
        q("in-addr.arpa.", SOA).rule("b.2 reverse apex SOA").answer(soa("in-addr.arpa.", 5)),
        q(SVC1, SOA).rule("D2 SOA on existing non-apex").nodata(),
        q("nosvc.testns.svc.cluster.local.", SOA).rule("D2 SOA on missing non-apex").nx(),
        q("cluster.local.", AXFR).rule("b.2 AXFR refused").refused(),
        q("cluster.local.", IXFR).rule("b.2 IXFR refused").refused(),

        // b.3 name servers
        q("cluster.local.", NS).rule("K1 default ns.dns with local glue").local("192.0.2.53", "2001:db8::53")
            .answer("cluster.local. 5 IN NS ns.dns.cluster.local.")
            .extra("ns.dns.cluster.local. 5 IN A 192.0.2.53", "ns.dns.cluster.local. 5 IN AAAA 2001:db8::53"),
        q("cluster.local.", NS).rule("K1 service fronting this server").local("10.244.0.5")
            .answer("cluster.local. 5 IN NS kube-dns.kube-system.svc.cluster.local.")
            .extra("kube-dns.kube-system.svc.cluster.local. 5 IN A 10.96.0.10"),
        q("cluster.local.", NS).rule("K1 no usable local address").local()
            .answer("cluster.local. 5 IN NS ns.dns.cluster.local."),
        q("ns.dns.cluster.local.", A).rule("K2 ns.dns A").local("192.0.2.53", "2001:db8::53").answer("ns.dns.cluster.local. 5 IN A 192.0.2.53"),
        q("ns.dns.cluster.local.", AAAA).rule("K2 ns.dns AAAA").local("192.0.2.53", "2001:db8::53").answer("ns.dns.cluster.local. 5 IN AAAA 2001:db8::53"),
        q("ns.dns.cluster.local.", AAAA).rule("K2 ns.dns wrong family").local("192.0.2.53").nodata(),
        q("ns.dns.cluster.local.", A).rule("K2 ns.dns follows the fronting service").local("10.244.0.5")
            .answer("ns.dns.cluster.local. 5 IN A 10.96.0.10"),
        q("ns.dns.cluster.local.", A).rule("K2 ns.dns without local address").local().nodata(),
        q("dns.cluster.local.", A).rule("ns.dns parent is an empty non-terminal").nodata(),

        // b.2 outcome rules
        q("svcempty.testns.svc.cluster.local.", A).rule("b.2 ClusterIP with zero endpoints answered")
            .answer("svcempty.testns.svc.cluster.local. 5 IN A 10.0.0.2"),
        q("svcempty.testns.svc.cluster.local.", A).rule("b.1 ignore empty_service").with("ignore empty_service").nx(),
        q(SVC1, A).rule("b.1 ignore empty_service keeps served services").with("ignore empty_service")
            .answer(SVC1 + " 5 IN A 10.0.0.1"),
        q(HDLS1, A).rule("b.1 ignore empty_service leaves headless alone").with("ignore empty_service")
            .answer(HDLS1 + " 5 IN A 172.0.0.2", HDLS1 + " 5 IN A 172.0.0.4"),
        q("extip.testns.svc.cluster.local.", A).rule("b.2 ExternalName with an IP").nx(),
        q("extinzone.testns.svc.cluster.local.", A).rule("b.2 ExternalName in-zone target")
            .answer("extinzone.testns.svc.cluster.local. 5 IN CNAME " + SVC1, SVC1 + " 5 IN A 10.0.0.1"),
        q("extinzone.testns.svc.cluster.local.", AAAA).rule("D2 in-zone target lacks the type")
            .answer("extinzone.testns.svc.cluster.local. 5 IN CNAME " + SVC1).nodata(),
        q("extmissing.testns.svc.cluster.local.", A).rule("D2 in-zone target missing")
            .answer("extmissing.testns.svc.cluster.local. 5 IN CNAME nothere.testns.svc.cluster.local.")
            .nx(),
        q("extchain.testns.svc.cluster.local.", A).rule("b.2 CNAME chain in zone then upstream")
            .answer("extchain.testns.svc.cluster.local. 5 IN CNAME " + EXTERNAL,
                EXTERNAL + " 5 IN CNAME ext.interwebs.test.",
                "ext.interwebs.test. 300 IN A 203.0.113.10"),
        q("extloop.testns.svc.cluster.local.", A).rule("b.2 CNAME chain capped")
            .answer("extloop.testns.svc.cluster.local. 5 IN CNAME extloop.testns.svc.cluster.local."),
        q("extfail.testns.svc.cluster.local.", A).rule("b.2 upstream failure keeps the CNAME")
            .answer("extfail.testns.svc.cluster.local. 5 IN CNAME upstream-fails.test."),
        q("extnx.testns.svc.cluster.local.", A).rule("b.2 upstream NXDOMAIN keeps the CNAME")
            .answer("extnx.testns.svc.cluster.local. 5 IN CNAME nx.test."),
        q("exttc.testns.svc.cluster.local.", A).rule("b.2 TC copied from upstream").truncated()
            .answer("exttc.testns.svc.cluster.local. 5 IN CNAME truncated.test.",
                "truncated.test. 300 IN A 203.0.113.11"),
        q("nosvc.testns.svc.cluster.local.", A).rule("D4 negative before sync").unsynced()
            .rcode(Rcode.SERVFAIL).authority(soa("cluster.local.", 5)),
        q(SVC1, AAAA).rule("D4 NODATA before sync").unsynced()
            .rcode(Rcode.SERVFAIL).authority(soa("cluster.local.", 5)),
        q(SVC1, A).rule("D4 positive before sync").unsynced().answer(SVC1 + " 5 IN A 10.0.0.1"),
        q("nosvc.testns.svc.cluster.local.", A).rule("b.1 fallthrough").with("fallthrough").next(),
        q("nosvc.testns.svc.cluster.local.", A).rule("b.2 fallthrough before not-synced")
            .with("fallthrough").unsynced().next(),
        q(SVC1, AAAA).rule("b.1 NODATA never falls through").with("fallthrough").nodata(),
        q("nosvc.testns.svc.cluster.local.", A).rule("b.1 fallthrough limited to zones")
            .with("fallthrough in-addr.arpa ip6.arpa").nx(),
        q(ptr("9.9.9.9"), PTR).rule("b.1 fallthrough in reverse zones")
            .with("fallthrough in-addr.arpa ip6.arpa").next(),
        q("example.com.", A).rule("not in a plugin zone").next(),

        // b.1 options
        q("svc2.othns.svc.cluster.local.", A).rule("b.1 namespaces").with("namespaces testns").nx(),
        q("othns.svc.cluster.local.", A).rule("b.1 namespaces hides the node").with("namespaces testns").nx(),
        q(SVC1, A).rule("b.1 namespaces keeps listed").with("namespaces testns").answer(SVC1 + " 5 IN A 10.0.0.1"),
        q(ptr("10.0.0.10"), PTR).rule("b.1 namespaces filters PTR").with("namespaces testns")
            .nx("in-addr.arpa."),
        q(ptr("172.0.0.2"), PTR).rule("b.1 namespaces filters endpoint PTR").with("namespaces testns")
            .answer(ptr("172.0.0.2") + " 5 IN PTR pod-1." + HDLS1),
        q(HDLS1, A).rule("b.1 noendpoints headless").with("noendpoints").nx(),
        q("pod-1." + HDLS1, A).rule("b.1 noendpoints endpoint name").with("noendpoints").nx(),
        q("172-0-0-1." + SVC1, A).rule("b.1 noendpoints ClusterIP endpoint name").with("noendpoints").nx(),
        q(SVC1, A).rule("b.1 noendpoints keeps ClusterIP").with("noendpoints").answer(SVC1 + " 5 IN A 10.0.0.1"),
        q(ptr("172.0.0.2"), PTR).rule("b.1 noendpoints drops endpoint PTR").with("noendpoints")
            .nx("in-addr.arpa."),
        q(SVC1, A).rule("b.1 ttl").with("ttl 30").answer(SVC1 + " 30 IN A 10.0.0.1"),
        q("nosvc.testns.svc.cluster.local.", A).rule("b.1 ttl in SOA").with("ttl 30")
            .rcode(Rcode.NXDOMAIN).authority(soa("cluster.local.", 30)),
        q("cluster.local.", SOA).rule("b.1 SOA TTL capped at 300").with("ttl 3600")
            .answer(soa("cluster.local.", 3600)),
        q("dns-version.cluster.local.", TXT).rule("b.1 ttl leaves dns-version alone").with("ttl 0")
            .answer("dns-version.cluster.local. 28800 IN TXT \"1.1.0\""),
        q("172-0-0-99.testns.pod.cluster.local.", A).rule("b.1 pods disabled").nx(),
        q("172-0-0-99.testns.pod.cluster.local.", A).rule("b.1 pods insecure").with("pods insecure")
            .answer("172-0-0-99.testns.pod.cluster.local. 5 IN A 172.0.0.99"),
        q("1234-abcd--9.testns.pod.cluster.local.", AAAA).rule("b.1 pods insecure IPv6").with("pods insecure")
            .answer("1234-abcd--9.testns.pod.cluster.local. 5 IN AAAA 1234:abcd::9"),
        q("172-0-0-99.testns.pod.cluster.local.", AAAA).rule("b.2 AAAA on v4 pod name").with("pods insecure")
            .nodata(),
        q("172-0-0-99.nons.pod.cluster.local.", A).rule("b.1 pods insecure needs the namespace")
            .with("pods insecure").nx(),
        q("not-an-ip.testns.pod.cluster.local.", A).rule("b.1 pods insecure non-IP").with("pods insecure").nx(),
        q("172-0-0-7.testns.pod.cluster.local.", A).rule("b.1 pods verified").with("pods verified")
            .answer("172-0-0-7.testns.pod.cluster.local. 5 IN A 172.0.0.7"),
        q("172-0-0-8.testns.pod.cluster.local.", A).rule("b.1 pods verified other namespace").with("pods verified").nx(),
        q("172-0-0-99.testns.pod.cluster.local.", A).rule("b.1 pods verified unknown pod").with("pods verified").nx(),

        // D5 / b.2 formatting: owner names echo the question
        q("SvC1.TeStNs.SvC.ClUsTeR.LoCaL.", A).rule("D5 owner echoes 0x20 spelling")
            .answer("SvC1.TeStNs.SvC.ClUsTeR.LoCaL. 5 IN A 10.0.0.1"),
        q("NoSvC.TeStNs.SvC.ClUsTeR.LoCaL.", A).rule("b.2 SOA uses the zone as spelled")
            .rcode(Rcode.NXDOMAIN).authority(soa("ClUsTeR.LoCaL.", 5)),
        q("_HTTP._TCP.SVC1.TESTNS.SVC.CLUSTER.LOCAL.", SRV).rule("b.2 SRV target in object case, zone as spelled")
            .answer("_HTTP._TCP.SVC1.TESTNS.SVC.CLUSTER.LOCAL. 5 IN SRV 0 100 80 svc1.testns.svc.CLUSTER.LOCAL.")
            .extra("svc1.testns.svc.CLUSTER.LOCAL. 5 IN A 10.0.0.1"));
  }
}
