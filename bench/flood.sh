#!/usr/bin/env bash
# Resident memory of ClusterDNS before, during and after a flood of distinct names; see
# bench/README.md ("flood.sh"). Run as root from anywhere: sudo bash bench/flood.sh
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(dirname "$BENCH_DIR")"

# example: the built-in example (no -conf); k8s: SERVICES Services from YAML under a kubeadm-like
# Corefile (kubernetes, cache, forward to a local dnsmasq that answers NXDOMAIN, loadbalance).
CASES="${CASES:-example k8s}"
SERVICES="${SERVICES:-10000}"
HEADLESS="${HEADLESS:-2500}"
ENDPOINTS="${ENDPOINTS:-20}"
QUERIES="${QUERIES:-1000000}"
SEED="${SEED:-20261201}"
DURATION="${DURATION:-20}"
# When RSS is read again after the flood ends, in seconds (each a column).
AFTER="${AFTER:-30 60}"
# RSS is read as "idle" this long after the first answer: the start-up garbage is collected then,
# and G1 (Java 17) gives the freed memory back in the background, which a loaded machine delays.
SETTLE="${SETTLE:-15}"
CLIENTS="${CLIENTS:-10}"
OUTSTANDING="${OUTSTANDING:-100}"
# The server is not pinned unless SERVER_CPU is set: a JVM counts the cores it may run on and
# picks its collector and sizes from them (pinned to one core, the serial collector), and
# `java -jar` on a node sees all of them. dnsperf is pinned to CLIENT_CPU.
SERVER_CPU="${SERVER_CPU:-}"
CLIENT_CPU="${CLIENT_CPU:-0}"
# One JVM set-up per line: NAME [VAR=VALUE...] FLAGS... [-- SERVER ARGUMENTS...]; "image" is
# replaced by the JVM flags of the Dockerfile's entrypoint (without its class-data archive), so
# the two never drift apart.
JVM_CONFIGS="${JVM_CONFIGS:-default
image image}"
# A JVM set-up's MEMORY_LIMIT=SIZE (e.g. 170m) is not passed to the JVM: the server runs in a
# memory cgroup of its own with that limit, as a container with `resources.limits.memory` does,
# so that a JVM without flags sizes its heap and picks its collector from the limit. The row then
# also gives the cgroup's peak and its OOM kills.
# 1: also start the JVM with native memory tracking and keep jcmd's summaries and a class
# histogram at each reading (idle, end of the flood, last reading after it) in the results.
NMT="${NMT:-0}"
MAX_SECONDS="${MAX_SECONDS:-1200}"
PYTHON="${PYTHON:-python3}"
JAR="${JAR:-$ROOT_DIR/server/target/clusterdns.jar}"
RESULTS="${RESULTS:-$BENCH_DIR/results/flood-$(date -u +%Y%m%dT%H%M%SZ)}"

# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"
install_tools dnsperf dnsmasq-base

[[ -f "$JAR" ]] || { log "no $JAR: build it first (mvn -B -q -o -pl server -am package -DskipTests)"; exit 1; }

# The entrypoint's JVM options (every quoted "-X..." word of the ENTRYPOINT but the archive's),
# after the runtime stage's environment (its ENV VAR=VALUE lines, e.g. MALLOC_ARENA_MAX).
image_flags() {
  sed -n 's/^ENV \([A-Z_]*=[^ ]*\)$/\1/p' "$ROOT_DIR/Dockerfile" | tr '\n' ' '
  grep -o '"-X[^"]*"' "$ROOT_DIR/Dockerfile" | tr -d '"' | grep -v SharedArchiveFile | tr '\n' ' '
}

rss_mib() { lib rss "$1"; }

UPSTREAM_PORT=""
start_upstream() {
  UPSTREAM_PORT=$(lib free-port)
  dnsmasq --keep-in-foreground --conf-file=/dev/null --no-hosts --no-resolv --address='/#/' \
    --listen-address=127.0.0.1 --bind-interfaces --port="$UPSTREAM_PORT" --user=root --pid-file= \
    --cache-size=0 >"$RESULTS/upstream.log" 2>&1 &
  STARTED+=("$!")
}

write_k8s_corefile() {
  local dir=$1 metrics_port
  metrics_port=$(lib free-port)
  cat >"$dir/Corefile" <<EOF
. {
    errors
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        manifests $RESULTS/cluster/k8s
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
        ttl 30
    }
    prometheus 127.0.0.1:$metrics_port
    forward . 127.0.0.1:$UPSTREAM_PORT
    cache 30
    loadbalance
}
EOF
}

# measure CASE NAME FLAGS...: one row of the table.
measure() {
  local case=$1 name=$2 flags=$3 port dir probe environment=() options=() extra=() word pid sampler
  port=$(lib free-port)
  dir="$RESULTS/$case-$name"
  mkdir -p "$dir"
  flags=${flags/#image/$(image_flags)}
  local server_args=0
  for word in $flags; do
    if [[ "$word" == -- ]]; then server_args=1
    elif ((server_args)); then extra+=("$word")
    elif [[ "$word" =~ ^[A-Z_]+= ]]; then environment+=("$word")
    else options+=("$word"); fi
  done
  [[ "$NMT" == 1 ]] && options+=(-XX:NativeMemoryTracking=summary)
  local limit="" cgroup="" contain=()
  for word in "${!environment[@]}"; do
    if [[ "${environment[$word]}" == MEMORY_LIMIT=* ]]; then
      limit=${environment[$word]#MEMORY_LIMIT=}
      unset 'environment[$word]'
    fi
  done
  if [[ -n "$limit" ]]; then
    cgroup=$(memory_cgroup "$case-$name" "$limit")
    contain=(bash -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$cgroup")
  fi
  local args=(-dns.port "$port" "${extra[@]}")
  probe=nginx-service.default.svc.cluster.local
  if [[ "$case" == k8s ]]; then
    write_k8s_corefile "$dir"
    args=(-conf "$dir/Corefile" -dns.port "$port" "${extra[@]}")
    probe=svc-0.ns-0.svc.cluster.local
  fi
  log "$case/$name: java ${options[*]} ${environment[*]} ... ${extra[*]}, port $port"
  local pin=() attempt
  [[ -n "$SERVER_CPU" ]] && pin=(taskset -c "$SERVER_CPU")
  # The port was free when picked, but the server binds it only after loading the cluster, and
  # on a shared machine someone else may take it meanwhile: then it starts again on another.
  for attempt in 1 2 3; do
    # The example logs every query (its Corefile has log): only the end of that output is kept.
    "${contain[@]}" "${pin[@]}" env "${environment[@]}" java "${options[@]}" -jar "$JAR" "${args[@]}" \
      >/dev/null 2> >(tail -n 100 >"$dir/server.err") &
    pid=$!
    STARTED+=("$pid")
    wait_for_answer "$port" "$probe" 180 "$pid" && break
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    sleep 1
    if ! grep -q 'Address already in use' "$dir/server.err" || ((attempt == 3)); then
      log "$case/$name did not answer; see $dir/server.err"
      return 0
    fi
    local old_port=$port
    port=$(lib free-port)
    args=("${args[@]/#$old_port/$port}")
    log "$case/$name: port $old_port was taken meanwhile, again on $port"
  done
  local start_rss idle peak qps after=()
  start_rss=$(rss_mib "$pid")
  sleep "$SETTLE"
  idle=$(rss_mib "$pid")
  snapshot "$pid" "$dir/idle"
  lib sample "$pid" "$dir/memory.json" &
  sampler=$!
  STARTED+=("$sampler")
  log "$case/$name: idle $idle MiB, flood ${DURATION}s"
  taskset -c "$CLIENT_CPU" dnsperf -s 127.0.0.1 -p "$port" -d "$RESULTS/flood-$case.txt" \
    -c "$CLIENTS" -q "$OUTSTANDING" -l "$DURATION" >"$dir/flood.dnsperf" 2>&1 || true
  snapshot "$pid" "$dir/flood-end"
  kill -TERM "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  peak=$("$PYTHON" -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["rss_kib"] / 1024))' "$dir/memory.json")
  qps=$(grep -Eo 'Queries per second: +[0-9.]+' "$dir/flood.dnsperf" | awk '{printf "%d", $4}')
  local waited=0 at
  for at in $AFTER; do
    sleep $((at - waited))
    waited=$at
    after+=("$(rss_mib "$pid")")
  done
  snapshot "$pid" "$dir/after"
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local last=${after[-1]}
  [[ -n "$cgroup" ]] && flags="${flags:+$flags, }in a $limit cgroup: its peak $(cgroup_peak_mib "$cgroup") MiB, $(cgroup_oom_kills "$cgroup") OOM kills"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %.2f× | %s |\n' "$case" "$name" "${flags:-none}" \
    "$start_rss" "$idle" "$peak" "${qps:-–}" "$(printf '%s / ' "${after[@]}" | sed 's| / $||')" \
    "$(echo "$last $idle" | awk '{print $1 / $2}')" "$(cut -d' ' -f1-3 /proc/loadavg)" \
    | tee -a "$RESULTS/table.md"
}

# memory_cgroup NAME LIMIT: makes a memory cgroup (v2, or v1's memory controller) under this
# shell's own, with LIMIT (e.g. 170m) and no swap, removed at exit, and prints its directory.
memory_cgroup() {
  local name="clusterdns-flood-$$-$1" bytes base
  bytes=$(numfmt --from=iec "${2^^}")
  if [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then
    base=/sys/fs/cgroup$(sed -n 's/^0:://p' /proc/self/cgroup)
    mkdir "$base/$name"
    echo "$bytes" >"$base/$name/memory.max"
    echo 0 >"$base/$name/memory.swap.max" 2>/dev/null || true
  else
    base=/sys/fs/cgroup/memory$(sed -n 's/^[0-9]*:memory://p' /proc/self/cgroup)
    mkdir "$base/$name"
    echo "$bytes" >"$base/$name/memory.limit_in_bytes"
  fi
  CGROUPS+=("$base/$name")
  echo "$base/$name"
}

cgroup_peak_mib() {
  local file=$1/memory.peak
  [[ -f "$file" ]] || file=$1/memory.max_usage_in_bytes
  if [[ -f "$file" ]]; then echo $(($(cat "$file") / 1048576)); else echo "?"; fi
}

cgroup_oom_kills() {
  if [[ -f "$1/memory.events" ]]; then
    sed -n 's/^oom_kill //p' "$1/memory.events"
  else
    sed -n 's/^oom_kill //p' "$1/memory.oom_control"
  fi
}

CGROUPS=()
remove_cgroups() {
  local dir
  for dir in "${CGROUPS[@]}"; do rmdir "$dir" 2>/dev/null || true; done
}

# snapshot PID PREFIX: with NMT=1, jcmd's native memory summary and the top of a class histogram.
snapshot() {
  [[ "$NMT" == 1 ]] || return 0
  grep -E '^(VmRSS|RssAnon|RssFile)' "/proc/$1/status" >"$2.status.txt" || true
  jcmd "$1" VM.native_memory summary >"$2.nmt.txt" 2>&1 || true
  jcmd "$1" GC.heap_info >"$2.heap.txt" 2>&1 || true
  jcmd "$1" GC.class_histogram -all 2>&1 | head -30 >"$2.histogram.txt" || true
}

main() {
  trap 'cleanup; remove_cgroups' EXIT
  mkdir -p "$RESULTS"
  log "results in $RESULTS (seed $SEED)"
  if [[ " $CASES " == *" k8s "* ]]; then
    log "generating $SERVICES Services ($HEADLESS headless with $ENDPOINTS endpoints each)"
    "$PYTHON" "$BENCH_DIR/gen_cluster.py" "$RESULTS/cluster" --services "$SERVICES" --queries 1000 \
      --headless "$HEADLESS" --endpoints "$ENDPOINTS" --seed "$SEED" >/dev/null
    start_upstream
  fi
  local case
  for case in $CASES; do
    lib flood-queries "$RESULTS/flood-$case.txt" "$QUERIES" "$SEED" "$case"
  done
  {
    echo "| cluster | JVM | flags | RSS MiB at first answer | idle (${SETTLE} s later) | peak in the ${DURATION} s flood | flood QPS | RSS after the flood (${AFTER// / s / } s) | last ÷ idle | load average |"
    echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  } | tee "$RESULTS/table.md"
  local name flags
  for case in $CASES; do
    while read -r name flags; do
      [[ -n "$name" ]] && measure "$case" "$name" "${flags:-}" </dev/null
    done <<<"$JVM_CONFIGS"
  done
  log "table: $RESULTS/table.md"
}

main
