#!/usr/bin/env bash
# Measures the forwarding path: ClusterDNS with cache+forward (and forward alone, the cold path)
# beside dnsmasq and Unbound, each forwarding to the same NSD upstream on loopback, under a query
# mix of external names (most repeated, some never asked before). See bench/README.md.
# Run as root from anywhere: sudo bash bench/forward.sh
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(dirname "$BENCH_DIR")"

HOT="${HOT:-2000}"
FRESH_PCT="${FRESH_PCT:-20}"
SEED="${SEED:-20261201}"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-10}"
CLIENTS="${CLIENTS:-10}"
OUTSTANDING="${OUTSTANDING:-100}"
SERVER_CPU="${SERVER_CPU:-1}"
# dnsperf and the upstream share the other core: the upstream only sees the fresh names.
CLIENT_CPU="${CLIENT_CPU:-0}"
UPSTREAM_CPU="${UPSTREAM_CPU:-0}"
SERVERS="${SERVERS:-dnsmasq unbound clusterdns-cache clusterdns-cold}"
# Milliseconds added to every upstream reply by a proxy in front of NSD (0: no proxy).
DELAY_MS="${DELAY_MS:-0}"
JVM_FLAGS="${JVM_FLAGS:--XX:+UseSerialGC -Xms128m -Xmx128m -XX:+AlwaysPreTouch}"
# Queries per second dnsperf sends (0: as many as it can). A fixed rate makes the GC figures
# comparable between builds on a busy machine: the same queries, the same time.
RATE="${RATE:-0}"
# minimal: ClusterDNS runs `cache` and `forward` only; kubeadm: kubeadm's Corefile (errors,
# health, ready, kubernetes on a one-Service cluster, prometheus, forward, cache, loop, reload,
# loadbalance), so that every query also goes through the plugins that run before cache.
COREFILE="${COREFILE:-minimal}"
# yes: ClusterDNS logs its collections to gc.log and each run gets gc.json (see benchlib.py gc).
GC_LOG="${GC_LOG:-no}"
# yes: ClusterDNS also records a JFR profile (allocation samples) to recording.jfr.
JFR="${JFR:-no}"
# Queries per file: enough that no fresh name repeats within a run (the file is new each run).
QUERIES="${QUERIES:-1500000}"
MAX_SECONDS="${MAX_SECONDS:-900}"
PYTHON="${PYTHON:-python3}"
JAR="${JAR:-$ROOT_DIR/server/target/clusterdns.jar}"
RESULTS="${RESULTS:-$BENCH_DIR/results/forward-$(date -u +%Y%m%dT%H%M%SZ)}"
export BASELINE="${BASELINE:-dnsmasq}"

# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"
install_tools dnsperf nsd dnsmasq-base unbound

write_zone() {
  local dir=$1 i
  {
    echo '$ORIGIN example.test.'
    echo '$TTL 300'
    echo '@ IN SOA ns.example.test. hostmaster.example.test. 1 7200 1800 86400 60'
    echo '@ IN NS ns.example.test.'
    echo 'ns IN A 192.0.2.53'
    for ((i = 0; i < HOT; i++)); do
      echo "h-$i IN A 198.51.100.$((i % 250 + 1))"
    done
    echo '*.fresh IN A 203.0.113.7'
  } >"$dir/example.test.zone"
}

start_upstream() {
  local port=$1 dir=$2
  mkdir -p "$dir"
  write_zone "$dir"
  write_nsd_conf "$dir" "$port" example.test
  taskset -c "$UPSTREAM_CPU" nsd -d -c "$dir/nsd.conf" >"$dir/server.log" 2>&1 &
  STARTED+=("$!")
}

start_dnsmasq() {
  local port=$1 dir=$2
  taskset -c "$SERVER_CPU" dnsmasq --keep-in-foreground --conf-file=/dev/null --no-hosts --no-resolv \
    --server="127.0.0.1#$UPSTREAM_PORT" --cache-size=10000 \
    --listen-address=127.0.0.1 --bind-interfaces --port="$port" --user=root --pid-file= \
    --log-facility="$dir/dnsmasq.log" >"$dir/server.log" 2>&1 &
  SERVER_PID=$!
  STARTED+=("$SERVER_PID")
}

start_unbound() {
  local port=$1 dir=$2
  # No validator (dnsmasq and ClusterDNS do not validate either); one thread on its one core.
  cat >"$dir/unbound.conf" <<EOF
server:
  interface: 127.0.0.1
  port: $port
  do-ip6: no
  num-threads: 1
  username: ""
  chroot: ""
  directory: "$dir"
  pidfile: "$dir/unbound.pid"
  logfile: ""
  use-syslog: no
  verbosity: 0
  module-config: "iterator"
  do-not-query-localhost: no
  access-control: 127.0.0.0/8 allow
  so-rcvbuf: 8m
  msg-cache-size: 16m
  rrset-cache-size: 32m
  ratelimit: 0
  ip-ratelimit: 0
  # test. is a special-use zone that Unbound answers itself by default (RFC 6761).
  local-zone: "test." nodefault
forward-zone:
  name: "."
  forward-addr: 127.0.0.1@$UPSTREAM_PORT
EOF
  taskset -c "$SERVER_CPU" unbound -d -c "$dir/unbound.conf" >"$dir/server.log" 2>&1 &
  SERVER_PID=$!
  STARTED+=("$SERVER_PID")
}

# The cluster of COREFILE=kubeadm: one Service, so that the kubernetes plugin is real but answers
# none of the benchmark's names (they are all outside cluster.local).
write_cluster() {
  local dir=$1
  mkdir -p "$dir"
  cat >"$dir/cluster.yaml" <<EOF
apiVersion: v1
kind: Service
metadata: {name: kube-dns, namespace: kube-system}
spec: {clusterIP: 10.96.0.10, ports: [{name: dns, port: 53, protocol: UDP}]}
EOF
}

# kubeadm's Corefile (reference d.1) with the upstream of the benchmark, its HTTP endpoints on
# free loopback ports (no lameduck: the server stops at once between runs).
write_kubeadm_corefile() {
  local dir=$1
  write_cluster "$dir/k8s"
  cat >"$dir/Corefile" <<EOF
. {
    errors
    health 127.0.0.1:$(lib free-port)
    ready 127.0.0.1:$(lib free-port)
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        manifests $dir/k8s
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
        ttl 30
    }
    prometheus 127.0.0.1:$(lib free-port)
    forward . 127.0.0.1:$UPSTREAM_PORT
    cache 30
    loop
    reload
    loadbalance
}
EOF
}

start_clusterdns() {
  local port=$1 dir=$2 cache=$3
  if [[ "$COREFILE" == kubeadm && "$cache" == yes ]]; then
    write_kubeadm_corefile "$dir"
  else
    {
      echo ". {"
      [[ "$cache" == yes ]] && echo "    cache"
      echo "    forward . 127.0.0.1:$UPSTREAM_PORT"
      echo "}"
    } >"$dir/Corefile"
  fi
  local flags=$JVM_FLAGS
  [[ "$GC_LOG" == yes ]] && flags+=" -Xlog:gc*:file=$dir/gc.log:utctime"
  [[ "$JFR" == yes ]] && flags+=" -XX:StartFlightRecording=settings=profile"
  # shellcheck disable=SC2086
  taskset -c "$SERVER_CPU" java $flags -jar "$JAR" -conf "$dir/Corefile" -dns.port "$port" \
    >"$dir/server.log" 2>&1 &
  SERVER_PID=$!
  STARTED+=("$SERVER_PID")
}

start_clusterdns-cache() { start_clusterdns "$1" "$2" yes; }
start_clusterdns-cold() { start_clusterdns "$1" "$2" no; }

queries_file() {
  local run=$1
  local file="$RESULTS/queries-$run.txt"
  lib forward-queries "$file" "$QUERIES" "$HOT" "$FRESH_PCT" "$((SEED + run))"
  echo "$file"
}

dnsperf_args() {
  local port=$1 seconds=$2 file=$3
  local rate=()
  [[ "$RATE" != 0 ]] && rate=(-Q "$RATE")
  echo taskset -c "$CLIENT_CPU" dnsperf -s 127.0.0.1 -p "$port" -d "$file" \
    -c "$CLIENTS" -q "$OUTSTANDING" -l "$seconds" "${rate[@]}"
}

main() {
  [[ -f "$JAR" ]] || (cd "$ROOT_DIR" && mvn -B -q -o package -DskipTests)
  mkdir -p "$RESULTS"
  log "results in $RESULTS"
  {
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host: $(uname -srm), $(nproc) cores"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "java: $(java -version 2>&1 | head -1); flags: $JVM_FLAGS"
    echo "dnsperf: $(dnsperf -h 2>&1 | grep -m1 Version)"
    echo "nsd: $(nsd -v 2>&1 | head -1); dnsmasq: $(dnsmasq -v | head -1); unbound: $(unbound -V | head -1)"
    echo "settings: HOT=$HOT FRESH_PCT=$FRESH_PCT QUERIES=$QUERIES SEED=$SEED RUNS=$RUNS DURATION=$DURATION" \
      "WARMUP=$WARMUP CLIENTS=$CLIENTS OUTSTANDING=$OUTSTANDING DELAY_MS=$DELAY_MS RATE=$RATE COREFILE=$COREFILE"
  } >"$RESULTS/environment.txt"
  cat "$RESULTS/environment.txt" >&2
  UPSTREAM_PORT=$(lib free-port)
  start_upstream "$UPSTREAM_PORT" "$RESULTS/upstream"
  if [[ "$DELAY_MS" != 0 ]]; then
    local proxy_port
    proxy_port=$(lib free-port)
    taskset -c "$UPSTREAM_CPU" "$PYTHON" "$BENCH_DIR/benchlib.py" delay-proxy "$proxy_port" "$UPSTREAM_PORT" \
      "$DELAY_MS" 2>"$RESULTS/upstream/delay-proxy.log" &
    STARTED+=("$!")
    UPSTREAM_PORT=$proxy_port
  fi
  : >"$RESULTS/runs.jsonl"
  local server port dir run file
  for server in $SERVERS; do
    port=$(lib free-port)
    dir="$RESULTS/$server"
    mkdir -p "$dir"
    log "$server: port $port"
    "start_$server" "$port" "$dir"
    if ! wait_for_answer "$port" h-1.example.test 60 "$SERVER_PID"; then
      # The port can be taken between the check and the bind by other work on a shared machine.
      kill -TERM "$SERVER_PID" 2>/dev/null || true
      port=$(lib free-port)
      log "$server did not answer; once more on port $port"
      "start_$server" "$port" "$dir"
    fi
    if ! wait_for_answer "$port" h-1.example.test 60 "$SERVER_PID"; then
      log "$server did not answer; see $dir/server.log"
      kill -TERM "$SERVER_PID" 2>/dev/null || true
      continue
    fi
    lib sample "$SERVER_PID" "$dir/memory.json" &
    STARTED+=("$!")
    local sampler=$!
    file=$(queries_file 0)
    log "$server: warm-up ${WARMUP}s"
    # shellcheck disable=SC2046
    $(dnsperf_args "$port" "$WARMUP" "$file") >"$dir/warmup.dnsperf" 2>&1
    for ((run = 1; run <= RUNS; run++)); do
      file=$(queries_file "$run")
      local from
      from=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
      # shellcheck disable=SC2046
      lib measure "$SERVER_PID" "$dir/run-$run" -- $(dnsperf_args "$port" "$DURATION" "$file") -v || true
      if [[ -f "$dir/gc.log" ]]; then
        lib gc "$dir/gc.log" "$from" "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$dir/run-$run.dnsperf" \
          | tee "$dir/run-$run.gc.json" >&2
      fi
      record_run "$server" "$run" "$dir"
      rm -f "$file"
    done
    if [[ "$JFR" == yes && "$server" == clusterdns-* ]]; then
      # Dumped while running: the server's shutdown does not wait for the recording to be written.
      jcmd "$SERVER_PID" JFR.dump filename="$dir/recording.jfr" >/dev/null || true
    fi
    kill -TERM "$SERVER_PID" "$sampler" 2>/dev/null || true
    wait "$SERVER_PID" "$sampler" 2>/dev/null || true
  done
  rm -f "$RESULTS"/queries-*.txt
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS/environment.txt"
  lib table "$RESULTS/runs.jsonl" | tee "$RESULTS/table.md"
}

main "$@"
