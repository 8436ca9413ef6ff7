#!/usr/bin/env bash
# Runs inside `unshare --net --mount` (as root): the kubeadm Corefile, byte for byte, on port 53
# of a private network namespace, as kube-dns runs on a node:
# - the Kubernetes API is fabric8's mock holding the built-in example cluster (a process of the
#   test class path), found through KUBECONFIG as a client outside the cluster finds it;
# - the node's /etc/resolv.conf, which `forward . /etc/resolv.conf` reads, names an NSD upstream
#   at 192.0.2.53, in a namespace of its own behind a veth pair (the server binds every address
#   of its own namespace on port 53, so the upstream cannot share it);
# - clients see a pod's /etc/resolv.conf (search path, ndots:5) in a mount namespace of their own
#   (pod-checks.sh).
# Usage: kubeadm-corefile.sh JAVA JAR WORKDIR TEST_CLASSPATH COREFILE
# Prints one line per check: "CHECK -> RESULT".
set -euo pipefail
java=$1 jar=$2 work=$3 classpath=$4 corefile=$5

. "$(dirname "$0")/node-namespace.sh"

# The upstream: NSD in its own network namespace, reached over a veth pair.
. "$(dirname "$0")/nsd-upstream.sh"
write_nsd_upstream "$work"
unshare --net bash -c '
  until ip -4 addr show dev veth1 2>/dev/null | grep -q 192.0.2.53; do sleep 0.05; done
  exec nsd -d -c "$1"' upstream "$work/nsd/nsd.conf" > "$work/nsd/stdout.log" 2>&1 &
upstream=$!
pids+=("$upstream")
# `unshare` may not have entered its namespace yet: the veth's far end must go into the new one.
until [ "$(readlink /proc/"$upstream"/ns/net)" != "$(readlink /proc/self/ns/net)" ]; do sleep 0.01; done
ip link add veth0 type veth peer name veth1 netns "$upstream"
ip addr add 192.0.2.1/24 dev veth0
ip link set veth0 up
nsenter -t "$upstream" -n ip link set lo up
nsenter -t "$upstream" -n ip link set veth1 up
nsenter -t "$upstream" -n ip addr add 192.0.2.53/24 dev veth1

# The API.
mkfifo "$work/api.stdin"
"$java" -cp "$classpath" io.clusterdns.server.e2e.ExampleClusterApi "$work/kubeconfig" \
  < "$work/api.stdin" > "$work/api.log" 2>&1 &
pids+=("$!")
exec 7> "$work/api.stdin"
for _ in $(seq 1 600); do
  grep -q '^ready$' "$work/api.log" && break
  sleep 0.1
done
grep -q '^ready$' "$work/api.log" || { echo "mock API did not start:"; cat "$work/api.log"; exit 1; }

# The node's resolv.conf, then the server (its working directory holds nothing it needs).
printf 'nameserver 192.0.2.53\n' > "$work/node-resolv.conf"
mount --bind "$work/node-resolv.conf" /etc/resolv.conf
cp "$corefile" "$work/Corefile"
(cd "$work" && KUBECONFIG="$work/kubeconfig" exec "$java" -jar "$jar" -conf "$work/Corefile") \
  > "$work/server.log" 2>&1 &
server=$!
pids+=("$server")
for _ in $(seq 1 600); do
  if [ "$(dig @127.0.0.1 +short +time=1 +tries=1 www.example.test A 2>/dev/null)" = 198.51.100.80 ] \
      && [ "$(dig @127.0.0.1 +short +time=1 +tries=1 kube-dns.kube-system.svc.cluster.local A 2>/dev/null)" = 10.96.0.10 ]; then
    break
  fi
  kill -0 "$server" 2>/dev/null || { echo "server exited:"; cat "$work/server.log"; exit 1; }
  sleep 0.1
done

# The checks, as a pod sees the server.
. "$(dirname "$0")/pod-checks.sh"
run_in_pod "$work" 127.0.0.1 <<'CHECKS'
search_path_checks
answer_checks 127.0.0.1
http 127.0.0.1:8080/health
http 127.0.0.1:8181/ready
metrics 127.0.0.1:9153
CHECKS
