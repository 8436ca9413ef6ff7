#!/usr/bin/env python3
"""Writes a benchmark cluster into DIR: Kubernetes YAML for ClusterDNS, a zone file for NSD with
the same names, and a dnsperf query file (70% existing A, 10% headless A, 10% AAAA NODATA,
10% NXDOMAIN). Usage: gen_cluster.py DIR [SERVICES] [QUERIES]"""
import os
import random
import sys

out = sys.argv[1]
services = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
queries = int(sys.argv[3]) if len(sys.argv) > 3 else 100000
namespaces = 10
per_ns = services // namespaces
headless_per_ns = per_ns // 10
rng = random.Random(42)
os.makedirs(out, exist_ok=True)

cluster_ip, headless = [], []
yaml, zone = [], []
zone.append("$ORIGIN cluster.local.\n$TTL 5\n"
            "@ IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 5\n"
            "@ IN NS ns.dns.cluster.local.\nns.dns IN A 10.96.0.10\n")
n = 0
for ns in range(namespaces):
    nsname = f"ns{ns}"
    yaml.append(f"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {nsname}\n")
    for i in range(per_ns):
        name = f"svc-{i}"
        fqdn = f"{name}.{nsname}.svc.cluster.local."
        if i < headless_per_ns:
            yaml.append(f"apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  namespace: {nsname}\n"
                        f"spec:\n  clusterIP: None\n  ports:\n  - name: http\n    protocol: TCP\n    port: 80\n")
            ips = [f"10.{200 + n // 60000}.{(n // 240) % 250}.{(n % 240) + j}" for j in range(3)]
            n += 3
            eps = "".join(f"- addresses: [\"{ip}\"]\n  conditions: {{ready: true}}\n" for ip in ips)
            yaml.append(f"apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: {name}-abc\n"
                        f"  namespace: {nsname}\n  labels:\n    kubernetes.io/service-name: {name}\n"
                        f"addressType: IPv4\nports:\n- name: http\n  protocol: TCP\n  port: 80\nendpoints:\n{eps}")
            for ip in ips:
                zone.append(f"{name}.{nsname}.svc IN A {ip}\n")
            headless.append(fqdn)
        else:
            k = ns * per_ns + i
            ip = f"10.96.{k // 250}.{k % 250 + 1}"
            yaml.append(f"apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  namespace: {nsname}\n"
                        f"spec:\n  clusterIP: {ip}\n  ports:\n  - name: http\n    protocol: TCP\n    port: 80\n")
            zone.append(f"{name}.{nsname}.svc IN A {ip}\n")
            cluster_ip.append(fqdn)

with open(os.path.join(out, "cluster.yaml"), "w") as f:
    f.write("---\n".join(yaml))
with open(os.path.join(out, "cluster.local.zone"), "w") as f:
    f.write("".join(zone))
with open(os.path.join(out, "queries.txt"), "w") as f:
    for _ in range(queries):
        r = rng.random()
        if r < 0.7:
            f.write(f"{rng.choice(cluster_ip)} A\n")
        elif r < 0.8:
            f.write(f"{rng.choice(headless)} A\n")
        elif r < 0.9:
            f.write(f"{rng.choice(cluster_ip)} AAAA\n")
        else:
            f.write(f"missing-{rng.randrange(10000)}.ns{rng.randrange(namespaces)}.svc.cluster.local. A\n")
