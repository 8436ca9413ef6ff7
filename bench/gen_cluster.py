#!/usr/bin/env python3
"""Generates one synthetic cluster for the benchmark, in the form each server reads.

Writes into OUT_DIR:
  k8s/namespaces.yaml, k8s/services-<ns>.yaml, k8s/slices.yaml   Kubernetes YAML for ClusterDNS
  hosts-corefile.txt                                              the same names as a hosts file
  cluster.local.zone                                              a zone file for NSD
  dnsmasq.hosts                                                   an addn-hosts file for dnsmasq
  queries.txt                                                     the dnsperf query file
  samples.txt                                                     one query of each kind, for checks

Everything is derived from --seed, so two runs with the same arguments write the same files.
"""

import argparse
import ipaddress
import os
import random

ZONE = "cluster.local"
TTL = 5
SERVICE_BASE = ipaddress.IPv4Address("10.96.0.10")
POD_BASE = ipaddress.IPv4Address("10.244.0.10")


class Service:
    def __init__(self, namespace, name, headless, cluster_ip, endpoints):
        self.namespace = namespace
        self.name = name
        self.headless = headless
        self.cluster_ip = cluster_ip
        self.endpoints = endpoints

    @property
    def fqdn(self):
        return f"{self.name}.{self.namespace}.svc.{ZONE}"


def build_cluster(services, namespaces, headless, endpoints_per_headless):
    """Services spread evenly over namespaces; every (services/headless)-th one is headless."""
    headless_every = max(1, services // headless) if headless else 0
    headless_made = 0
    cluster = []
    next_service_ip = int(SERVICE_BASE)
    next_pod_ip = int(POD_BASE)
    for i in range(services):
        namespace = f"ns-{i * namespaces // services}"
        name = f"svc-{i}"
        if headless_made < headless and i % headless_every == headless_every - 1:
            headless_made += 1
            pods = [str(ipaddress.IPv4Address(next_pod_ip + k)) for k in range(endpoints_per_headless)]
            next_pod_ip += endpoints_per_headless
            cluster.append(Service(namespace, name, True, None, pods))
        else:
            cluster.append(Service(namespace, name, False, str(ipaddress.IPv4Address(next_service_ip)), []))
            next_service_ip += 1
    return cluster


def dashed(ip):
    return ip.replace(".", "-")


def write_yaml(out, cluster, namespaces):
    k8s = os.path.join(out, "k8s")
    os.makedirs(k8s, exist_ok=True)
    for old in os.listdir(k8s):
        os.remove(os.path.join(k8s, old))
    with open(os.path.join(k8s, "namespaces.yaml"), "w") as f:
        docs = [f"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-{n}\n" for n in range(namespaces)]
        f.write("---\n".join(docs))
    by_namespace = {}
    for service in cluster:
        by_namespace.setdefault(service.namespace, []).append(service)
    for namespace, services in by_namespace.items():
        with open(os.path.join(k8s, f"services-{namespace}.yaml"), "w") as f:
            f.write("---\n".join(service_yaml(s) for s in services))
    with open(os.path.join(k8s, "slices.yaml"), "w") as f:
        f.write("---\n".join(slice_yaml(s) for s in cluster if s.headless))


def service_yaml(s):
    cluster_ip = "None" if s.headless else s.cluster_ip
    return (
        "apiVersion: v1\nkind: Service\n"
        f"metadata:\n  name: {s.name}\n  namespace: {s.namespace}\n"
        f"spec:\n  selector:\n    app: {s.name}\n  clusterIP: {cluster_ip}\n"
        "  ports:\n  - name: http\n    protocol: TCP\n    port: 80\n    targetPort: 8080\n"
    )


def slice_yaml(s):
    endpoints = "".join(
        f"- addresses: [\"{ip}\"]\n  conditions: {{ready: true}}\n"
        f"  targetRef: {{kind: Pod, namespace: {s.namespace}, name: {s.name}-pod-{k}}}\n"
        for k, ip in enumerate(s.endpoints)
    )
    return (
        "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\n"
        f"metadata:\n  name: {s.name}-abcde\n  namespace: {s.namespace}\n"
        f"  labels:\n    kubernetes.io/service-name: {s.name}\n"
        "addressType: IPv4\nports:\n- name: http\n  protocol: TCP\n  port: 8080\n"
        f"endpoints:\n{endpoints}"
    )


def address_records(cluster):
    """(name, IPv4) pairs every server must answer: Services, and headless endpoints by dashed IP."""
    for s in cluster:
        if s.headless:
            for ip in s.endpoints:
                yield s.fqdn, ip
            for ip in s.endpoints:
                yield f"{dashed(ip)}.{s.fqdn}", ip
        else:
            yield s.fqdn, s.cluster_ip


def write_hosts(out, cluster):
    with open(os.path.join(out, "hosts-corefile.txt"), "w") as f:
        for name, ip in address_records(cluster):
            f.write(f"{ip} {name}\n")


def write_zone(out, cluster):
    with open(os.path.join(out, f"{ZONE}.zone"), "w") as f:
        f.write(f"$ORIGIN {ZONE}.\n$TTL {TTL}\n")
        f.write(f"@ IN SOA ns.dns.{ZONE}. hostmaster.{ZONE}. 1 7200 1800 86400 {TTL}\n")
        f.write(f"@ IN NS ns.dns.{ZONE}.\n")
        f.write("ns.dns IN A 10.96.0.2\n")
        for name, ip in address_records(cluster):
            f.write(f"{name}. IN A {ip}\n")


def write_dnsmasq(out, cluster):
    with open(os.path.join(out, "dnsmasq.hosts"), "w") as f:
        for name, ip in address_records(cluster):
            f.write(f"{ip} {name}\n")


def write_queries(out, cluster, count, rng):
    cluster_ip = [s for s in cluster if not s.headless]
    headless = [s for s in cluster if s.headless] or cluster_ip
    kinds = [
        (0.70, lambda: f"{rng.choice(cluster_ip).fqdn} A"),
        (0.10, lambda: f"{rng.choice(headless).fqdn} A"),
        (0.10, lambda: f"{rng.choice(cluster_ip).fqdn} AAAA"),
        (0.10, lambda: f"missing-{rng.randrange(1_000_000)}.ns-{rng.randrange(10)}.svc.{ZONE} A"),
    ]
    lines = []
    for share, make in kinds:
        lines.extend(make() for _ in range(round(count * share)))
    rng.shuffle(lines)
    with open(os.path.join(out, "queries.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(out, "samples.txt"), "w") as f:
        f.write(f"{cluster_ip[0].fqdn} A NOERROR 1\n")
        f.write(f"{headless[0].fqdn} A NOERROR {len(headless[0].endpoints) or 1}\n")
        f.write(f"{cluster_ip[0].fqdn} AAAA NOERROR 0\n")
        f.write(f"missing-1.ns-0.svc.{ZONE} A NXDOMAIN 0\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", help="output directory")
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--namespaces", type=int, default=10)
    parser.add_argument("--headless", type=int, default=1_000)
    parser.add_argument("--endpoints", type=int, default=3, help="ready endpoints per headless Service")
    parser.add_argument("--queries", type=int, default=100_000, help="lines in the query file")
    parser.add_argument("--seed", type=int, default=20260401)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    cluster = build_cluster(args.services, args.namespaces, min(args.headless, args.services), args.endpoints)
    write_yaml(args.out, cluster, args.namespaces)
    write_hosts(args.out, cluster)
    write_zone(args.out, cluster)
    write_dnsmasq(args.out, cluster)
    write_queries(args.out, cluster, args.queries, random.Random(args.seed))
    print(f"{len(cluster)} Services ({sum(s.headless for s in cluster)} headless) in "
          f"{args.namespaces} namespaces, {args.queries} queries, seed {args.seed} -> {args.out}")


if __name__ == "__main__":
    main()
