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
#   (search path, ndots:5), in a mount namespace of their own.
# Usage: node-local-cache.sh JAVA JAR WORKDIR COREFILE INIT_SCRIPT MANIFESTS_DIR
# Prints one line per check: "CHECK -> RESULT".
set -euo pipefail
java=$1 jar=$2 work=$3 corefile=$4 init=$5 manifests=$6

pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

mount --make-rprivate /
ip link set lo up

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
cat > "$work/pod-resolv.conf" <<'CONF'
nameserver 169.254.20.10
search default.svc.cluster.local svc.cluster.local cluster.local
options ndots:5 timeout:1 attempts:2
CONF
printf 'hosts: files dns\n' > "$work/nsswitch.conf"
unshare --mount bash -s "$work" <<'CHECKS'
set -uo pipefail
work=$1
mount --make-rprivate /
mount --bind "$work/pod-resolv.conf" /etc/resolv.conf
mount --bind "$work/nsswitch.conf" /etc/nsswitch.conf
glibc() {
  local out
  out=$(getent hosts "$1" 2>/dev/null | awk '{print $1}' | sort -u | paste -sd, -)
  echo "getent $1 -> ${out:-NOTFOUND}"
}
# dig AT ARGS...: the answer's records, or what went wrong.
digs() {
  local at=$1 out status
  shift
  out=$(dig @"$at" +short +time=2 +tries=1 "$@" 2>&1)
  status=$?
  if [ "$status" -ne 0 ] || [[ "$out" == *"timed out"* || "$out" == *"connection refused"* ]]; then
    out=NOANSWER
  fi
  echo "dig @$at $* -> $(printf '%s\n' "$out" | sort | paste -sd, -)"
}
rcode() {
  local out
  out=$(dig @169.254.20.10 +time=2 +tries=1 "$@" | sed -n 's/.*status: \([A-Z]*\),.*/\1/p')
  echo "rcode $* -> $out"
}
glibc nginx-service
glibc nginx-service.default
glibc kube-dns.kube-system
glibc nginx-headless-service
glibc www.example.test
glibc no-such-host.example.test
digs 169.254.20.10 nginx-headless-service.default.svc.cluster.local A
digs 169.254.20.10 my-database.default.svc.cluster.local A
digs 169.254.20.10 www.example.test A
digs 169.254.20.10 -x 10.96.0.10
digs 169.254.20.10 -x 198.51.100.80
digs 10.96.0.10 nginx-service.default.svc.cluster.local A
digs 10.96.0.10 +tcp nginx-service.default.svc.cluster.local A
digs 10.0.0.5 nginx-service.default.svc.cluster.local A
digs 10.0.0.5 +tcp nginx-service.default.svc.cluster.local A
digs 127.0.0.1 nginx-service.default.svc.cluster.local A
rcode www.example.test.default.svc.cluster.local A
rcode no-such-host.example.test A
echo "http 169.254.20.10:8080/health -> $(curl -s -o /dev/null -w '%{http_code}' http://169.254.20.10:8080/health)"
metrics=$(curl -s http://169.254.20.10:9253/metrics)
if grep -q '^coredns_dns_requests_total{' <<<"$metrics"; then
  echo "metrics coredns_dns_requests_total -> present"
else
  echo "metrics coredns_dns_requests_total -> missing"
fi
# force_tcp: what the node-local cache asked the cluster DNS came over TCP only.
upstream=$(curl -s http://10.96.0.11:9153/metrics | grep '^coredns_dns_requests_total{' \
  | sed -n 's/.*proto="\([a-z]*\)".*/\1/p' | sort -u | paste -sd, -)
echo "upstream protocols -> $upstream"
CHECKS
