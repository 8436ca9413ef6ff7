#!/usr/bin/env bash
# Runs inside `unshare --net --mount` (as root): deploy/node-local's DaemonSet on one node, as
# close as a machine without a cluster gets. This network namespace is the node (the DaemonSet
# runs with hostNetwork):
# - the init container's script, as the manifest has it, makes the interface nodelocaldns holding
#   169.254.20.10 and the kube-dns ClusterIP 10.96.0.10 (where the kernel has no dummy
#   interfaces, the device is made a veth first, and the script's own `ip link add` then finds it);
# - the node has addresses of its own on node0: 10.0.0.5 (its IP, which node-local must not
#   answer on), 10.96.0.11 (the kube-dns-upstream Service, served by a second ClusterDNS standing
#   for the cluster DNS pods: the built-in example cluster from YAML) and 192.0.2.53 (the node's
#   resolver from its /etc/resolv.conf: NSD with example.test, example.com and a reverse zone);
# - the node-local cache runs the ConfigMap's Corefile unchanged, with KUBE_DNS_UPSTREAM_SERVICE_HOST
#   set as the kubelet sets it and the node's resolv.conf (dnsPolicy: Default);
# - clients see a pod's /etc/resolv.conf as the kubelet writes it with --cluster-dns=169.254.20.10
#   (search path, ndots:5), in a mount namespace of their own (pod-checks.sh).
# Usage: node-local-cache.sh JAVA JAR WORKDIR COREFILE INIT_SCRIPT MANIFESTS_DIR
# Prints one line per check: "CHECK -> RESULT".
set -euo pipefail
java=$1 jar=$2 work=$3 corefile=$4 init=$5 manifests=$6

. "$(dirname "$0")/node-namespace.sh"

# The init container (it has NET_ADMIN in the node's network namespace).
if ip link add probedummy type dummy 2>/dev/null; then
  ip link del probedummy
else
  ip link add nodelocaldns type veth peer name nodelocalpeer
  ip link set nodelocalpeer up
fi
sh "$init"
echo "init nodelocaldns -> $(ip -4 -o addr show dev nodelocaldns | awk '{print $4}' | sort | paste -sd, -)"

# The node's own addresses.
ip link add node0 type veth peer name node0peer
ip link set node0 up
ip link set node0peer up
for address in 10.0.0.5 10.96.0.11 192.0.2.53; do ip addr add "$address/32" dev node0; done

# The node's resolver: NSD.
. "$(dirname "$0")/nsd-upstream.sh"
write_nsd_upstream "$work"
nsd -d -c "$work/nsd/nsd.conf" > "$work/nsd/stdout.log" 2>&1 &
pids+=("$!")

# The cluster DNS behind kube-dns-upstream.
cat > "$work/upstream.Corefile" <<CONF
.:53 {
    bind 10.96.0.11
    errors
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        manifests $manifests
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
    }
    prometheus 10.96.0.11:9153
    forward . 192.0.2.53
}
CONF
"$java" -jar "$jar" -conf "$work/upstream.Corefile" > "$work/upstream.log" 2>&1 &
upstream=$!
pids+=("$upstream")

# Waits until $1 answers $2 with $3 (dig +short over TCP, so that the cluster DNS counts UDP
# queries from the node-local cache only), while process $4 runs.
wait_for() {
  local at=$1 name=$2 want=$3 pid=$4 log=$5
  for _ in $(seq 1 600); do
    [ "$(dig @"$at" +tcp +short +time=1 +tries=1 "$name" A 2>/dev/null)" = "$want" ] && return 0
    kill -0 "$pid" 2>/dev/null || { echo "$log exited:"; cat "$log"; exit 1; }
    sleep 0.1
  done
  echo "$at never answered $name:"; cat "$log"; exit 1
}
wait_for 10.96.0.11 kube-dns.kube-system.svc.cluster.local 10.96.0.10 "$upstream" "$work/upstream.log"

# The node-local cache: the node's resolv.conf, the kubelet's variable for kube-dns-upstream.
printf 'nameserver 192.0.2.53\n' > "$work/node-resolv.conf"
mount --bind "$work/node-resolv.conf" /etc/resolv.conf
mkdir -p "$work/etc-coredns"
cp "$corefile" "$work/etc-coredns/Corefile"
(cd "$work" && KUBE_DNS_UPSTREAM_SERVICE_HOST=10.96.0.11 exec "$java" -jar "$jar" -conf "$work/etc-coredns/Corefile") \
  > "$work/server.log" 2>&1 &
server=$!
pids+=("$server")
wait_for 169.254.20.10 kube-dns.kube-system.svc.cluster.local 10.96.0.10 "$server" "$work/server.log"
wait_for 169.254.20.10 www.example.test 198.51.100.80 "$server" "$work/server.log"

# Where it listens: port 53 of the two bound addresses, nothing else (the JVM's sockets are
# IPv6 ones bound to IPv4-mapped addresses: shown as the IPv4 address).
for proto in udp tcp; do
  echo "listening $proto 53 -> $(ss -Hln --"$proto" -p 'sport = :53' | grep "pid=$server," \
    | awk '{print $4}' | sed 's/^\[::ffff:\(.*\)\]:/\1:/' | sort -u | paste -sd, -)"
done

# The checks, as a pod sees the node.
. "$(dirname "$0")/pod-checks.sh"
run_in_pod "$work" 169.254.20.10 <<'CHECKS'
search_path_checks
answer_checks 169.254.20.10
digs 10.96.0.10 nginx-service.default.svc.cluster.local A
digs 10.96.0.10 +tcp nginx-service.default.svc.cluster.local A
digs 10.0.0.5 nginx-service.default.svc.cluster.local A
digs 10.0.0.5 +tcp nginx-service.default.svc.cluster.local A
digs 127.0.0.1 nginx-service.default.svc.cluster.local A
http 169.254.20.10:8080/health
metrics 169.254.20.10:9253
# force_tcp: what the node-local cache asked the cluster DNS came over TCP only.
upstream=$(curl -s http://10.96.0.11:9153/metrics | grep '^coredns_dns_requests_total{' \
  | sed -n 's/.*proto="\([a-z]*\)".*/\1/p' | sort -u | paste -sd, -)
echo "upstream protocols -> $upstream"
CHECKS
