#!/usr/bin/env bash
# Quick UDP benchmark of the query path: ClusterDNS (the shaded jar) and NSD on the same
# generated cluster, both pinned to core 1 and measured in turn, with dnsperf pinned to core 0.
# Usage (from the worktree root, after `mvn -o -pl server -am package -DskipTests`):
#   server/src/test/perf/quick-bench.sh [SECONDS] [RUNS] [JAVA_OPTS...]
# JARS="before=/tmp/a.jar after=server/target/clusterdns.jar" measures several builds in turn
# (each on its own port, all pinned to core 1, runs interleaved so they share the conditions).
set -euo pipefail
secs=${1:-10}; runs=${2:-1}; shift 2 || true
root=$(cd "$(dirname "$0")/../../../.." && pwd)
work=$(mktemp -d /tmp/quick-bench.XXXX)
port_dns=15361; port_nsd=15360
python3 "$root/server/src/test/perf/gen_cluster.py" "$work"
mkdir -p "$work/manifests" && mv "$work/cluster.yaml" "$work/manifests/"
cat > "$work/Corefile" <<CF
cluster.local {
    errors
    kubernetes cluster.local {
        manifests $work/manifests
    }
}
CF
cat > "$work/nsd.conf" <<NC
server:
    ip-address: 127.0.0.1@$port_nsd
    server-count: 1
    username: ""
    chroot: ""
    zonesdir: "$work"
    pidfile: "$work/nsd.pid"
    database: ""
    xfrdfile: "$work/xfrd.state"
    zonelistfile: "$work/zone.list"
    logfile: "$work/nsd.log"
    rrl-ratelimit: 0
    rrl-whitelist-ratelimit: 0
remote-control:
    control-enable: no
zone:
    name: cluster.local
    zonefile: cluster.local.zone
NC
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
wait_up() { for _ in $(seq 1 600); do dig +short +time=1 +tries=1 -p "$1" @127.0.0.1 svc-500.ns0.svc.cluster.local A | grep -q . && return 0; sleep 0.1; done; echo "server on $1 did not answer" >&2; return 1; }
tree() { local c; echo "$1"; for c in $(pgrep -P "$1" || true); do tree "$c"; done; }
cpu_ticks() { # the process and its descendants (NSD answers from a grandchild)
  local t=0 p
  for p in $(tree "$1"); do t=$((t + $(sed 's/.*) //' /proc/$p/stat | awk '{print $12+$13}'))); done
  echo $t
}
run_one() { # name port pid
  local t0 t1 out qps lost avg cpu rss us
  t0=$(cpu_ticks "$3")
  out=$(taskset -c 0 dnsperf -s 127.0.0.1 -p "$2" -d "$work/queries.txt" -c 10 -q 100 -l "$secs" -S 0 2>&1 || true)
  t1=$(cpu_ticks "$3")
  rss=0; for p in $(tree "$3"); do rss=$((rss + $(awk '/VmRSS/{print int($2/1024)}' /proc/$p/status))); done
  qps=$(awk '/Queries per second/{print int($4)}' <<<"$out")
  lost=$(awk '/Queries lost/{print $3}' <<<"$out")
  avg=$(awk '/Average Latency/{printf "%.3f", $4*1000}' <<<"$out")
  cpu=$(awk -v a="$t0" -v b="$t1" -v s="$secs" 'BEGIN{printf "%.2f", (b-a)/100/s}')
  us=$(awk -v c="$cpu" -v q="$qps" 'BEGIN{printf "%.1f", (q > 0) ? c*1e6/q : 0}')
  echo "| $1 | $qps | $lost | $avg | $cpu | $us | $rss |"
}
percentiles() { # name port
  # From a verbose run: printing each answer costs dnsperf some throughput.
  taskset -c 0 dnsperf -s 127.0.0.1 -p "$2" -d "$work/queries.txt" -c 10 -q 100 -l 5 -v 2>/dev/null \
    | awk '/^> [A-Z]/{print $NF*1000}' | sort -n \
    | awk -v name="$1" '{v[NR]=$1} END{printf "%s latency ms (verbose run, %d answers): p50 %.3f p99 %.3f\n", name, NR, v[int(NR*0.5)], v[int(NR*0.99)]}' >&2
}
jars=${JARS:-clusterdns=$root/server/target/clusterdns.jar}
names=(); ports=(); spids=(); port=$port_dns
for spec in $jars; do
  name=${spec%%=*}; jar=${spec#*=}
  taskset -c 1 java "$@" -jar "$jar" -conf "$work/Corefile" -dns.port $port >"$work/$name.log" 2>&1 &
  pids+=($!); names+=("$name"); ports+=($port); spids+=($!)
  port=$((port + 2))
done
taskset -c 1 nsd -d -c "$work/nsd.conf" >"$work/nsd.out" 2>&1 &
pids+=($!); names+=(nsd); ports+=($port_nsd); spids+=($!)
for p in "${ports[@]}"; do
  wait_up "$p"
  taskset -c 0 dnsperf -s 127.0.0.1 -p "$p" -d "$work/queries.txt" -c 10 -q 100 -l 3 >/dev/null 2>&1 || true
done
echo "| server | QPS | lost | avg ms | server CPU (cores) | server CPU µs/query | RSS MiB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for r in $(seq 1 "$runs"); do
  for i in "${!names[@]}"; do run_one "${names[$i]}" "${ports[$i]}" "${spids[$i]}"; done
done
for i in "${!names[@]}"; do percentiles "${names[$i]}" "${ports[$i]}"; done
echo "work dir: $work" >&2
