#!/usr/bin/env bash
# Measures ClusterDNS beside NSD and dnsmasq on one synthetic cluster; see bench/README.md.
# Run as root from anywhere: sudo bash bench/run.sh
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(dirname "$BENCH_DIR")"

SERVICES="${SERVICES:-10000}"
NAMESPACES="${NAMESPACES:-10}"
HEADLESS="${HEADLESS:-1000}"
# ready endpoints per headless Service
ENDPOINTS="${ENDPOINTS:-3}"
QUERIES="${QUERIES:-100000}"
SEED="${SEED:-20260401}"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-10}"
CLIENTS="${CLIENTS:-10}"
OUTSTANDING="${OUTSTANDING:-100}"
SERVER_CPU="${SERVER_CPU:-1}"
# udp or tcp: dnsperf's transport (-m); over tcp each of the CLIENTS keeps one connection and
# pipelines up to OUTSTANDING queries on it.
MODE="${MODE:-udp}"
CLIENT_CPU="${CLIENT_CPU:-0}"
SERVERS="${SERVERS:-nsd dnsmasq clusterdns}"
STARTUP_RUNS="${STARTUP_RUNS:-5}"
# auto: the kubernetes plugin when the jar has it, else the hosts plugin with the same names.
CLUSTERDNS_SOURCE="${CLUSTERDNS_SOURCE:-auto}"
# One JVM set-up per line: NAME [VAR=VALUE...] FLAGS...; each is measured as its own row.
# VAR=VALUE words are set in java's environment (MALLOC_ARENA_MAX=2 caps glibc's malloc arenas,
# which otherwise hold tens of MiB after the YAML is parsed).
JVM_CONFIGS="${JVM_CONFIGS:-serial-128m -XX:+UseSerialGC -Xms128m -Xmx128m -XX:+AlwaysPreTouch
parallel-128m -XX:+UseParallelGC -Xms128m -Xmx128m -XX:+AlwaysPreTouch
g1-256m -XX:+UseG1GC -Xms256m -Xmx256m -XX:+AlwaysPreTouch
lean-64m MALLOC_ARENA_MAX=2 -XX:+UseSerialGC -Xms64m -Xmx64m -XX:+AlwaysPreTouch -Xss512k -XX:ReservedCodeCacheSize=32m}"
# off: ClusterDNS's block without prometheus; on: with `prometheus 127.0.0.1:0`, so every answer
# is also counted in CoreDNS's metrics; both: each ClusterDNS row twice, the second named -prom.
METRICS="${METRICS:-off}"
JFR="${JFR:-0}"
# interleaved: every server is started and warmed up first, then each round measures each server
# once, so load from other users of the machine spreads over all rows; sequential: one server
# at a time.
ORDER="${ORDER:-interleaved}"
MAX_SECONDS="${MAX_SECONDS:-900}"
PYTHON="${PYTHON:-python3}"
JAR="${JAR:-$ROOT_DIR/server/target/clusterdns.jar}"
RESULTS="${RESULTS:-$BENCH_DIR/results/$(date -u +%Y%m%dT%H%M%SZ)}"

# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"
install_tools dnsperf nsd dnsmasq-base

build_jar() {
  if [[ ! -f "$JAR" ]]; then
    log "building $JAR"
    (cd "$ROOT_DIR" && mvn -B -q -o package -DskipTests)
  fi
}

start_nsd() {
  local port=$1 dir=$2
  mkdir -p "$dir/nsd"
  cp "$RESULTS/cluster/cluster.local.zone" "$dir/nsd/"
  # Minimal responses leave out the NS/glue that ClusterDNS does not send either.
  write_nsd_conf "$dir/nsd" "$port" cluster.local "hide-version: yes" "minimal-responses: yes" \
    "receive-buffer-size: 8388608" "send-buffer-size: 8388608"
  taskset -c "$SERVER_CPU" nsd -d -c "$dir/nsd/nsd.conf" >"$dir/server.log" 2>&1 &
  SERVER_PID=$!
  STARTED+=("$SERVER_PID")
}

start_dnsmasq() {
  local port=$1 dir=$2
  # Local answers only: names from the hosts file, NXDOMAIN for other names under cluster.local,
  # NODATA for a listed name asked with a type it has no record of. No upstream, no DHCP.
  taskset -c "$SERVER_CPU" dnsmasq --keep-in-foreground --conf-file=/dev/null --no-hosts --no-resolv \
    --addn-hosts="$RESULTS/cluster/dnsmasq.hosts" --local=/cluster.local/ --local-ttl=5 \
    --listen-address=127.0.0.1 --bind-interfaces --port="$port" --user=root --pid-file= \
    --cache-size=10000 --log-facility="$dir/dnsmasq.log" >"$dir/server.log" 2>&1 &
  SERVER_PID=$!
  STARTED+=("$SERVER_PID")
}

has_kubernetes_plugin() {
  "$PYTHON" -c 'import sys, zipfile; sys.exit(0 if any(n.endswith("plugin/kubernetes/KubernetesSetup.class") for n in zipfile.ZipFile(sys.argv[1]).namelist()) else 1)' "$JAR"
}

write_corefile() {
  local dir=$1 metrics=$2 prometheus=""
  if [[ "$metrics" == on ]]; then prometheus="prometheus 127.0.0.1:0"; fi
  if [[ "$CLUSTERDNS_SOURCE" == kubernetes ]]; then
    cat >"$dir/Corefile" <<EOF
cluster.local {
    $prometheus
    kubernetes cluster.local {
        manifests $RESULTS/cluster/k8s
    }
}
EOF
  else
    cat >"$dir/Corefile" <<EOF
cluster.local {
    $prometheus
    hosts $RESULTS/cluster/hosts-corefile.txt {
        ttl 5
        no_reverse
        reload 0s
    }
}
EOF
  fi
}

start_clusterdns() {
  local port=$1 dir=$2 flags=$3 metrics=$4
  write_corefile "$dir" "$metrics"
  local environment=() options=() word jar=$JAR
  for word in $flags; do
    if [[ "$word" == JAR=* ]]; then
      jar=${word#JAR=}
    elif [[ "$word" =~ ^[A-Z_]+= ]]; then
      environment+=("$word")
    else
      options+=("$word")
    fi
  done
  taskset -c "$SERVER_CPU" env "${environment[@]}" java "${options[@]}" -jar "$jar" \
    -conf "$dir/Corefile" -dns.port "$port" >"$dir/server.log" 2>&1 &
  SERVER_PID=$!
  STARTED+=("$SERVER_PID")
}

dnsperf_args() {
  local port=$1 seconds=$2
  echo taskset -c "$CLIENT_CPU" dnsperf -s 127.0.0.1 -p "$port" -d "$RESULTS/cluster/queries.txt" \
    -c "$CLIENTS" -q "$OUTSTANDING" -l "$seconds" -m "$MODE"
}

# The servers started so far, by index: name, port, result directory, PID, memory sampler PID.
NAMES=() PORTS=() DIRS=() PIDS=() SAMPLERS=()

# Starts server $1 ("nsd", "dnsmasq" or "clusterdns-NAME" with JVM flags $2), waits for it,
# checks its answers and warms it up. Returns 1 when it never answered.
prepare_server() {
  local name=$1 flags=${2:-} port dir
  port=$(lib free-port)
  dir="$RESULTS/$name"
  mkdir -p "$dir"
  if [[ "$name" == clusterdns-* ]]; then
    local metrics=off
    if [[ "$METRICS" == on || "$name" == *-prom ]]; then metrics=on; fi
    log "$name ($CLUSTERDNS_SOURCE, prometheus $metrics): java $flags, port $port"
    start_clusterdns "$port" "$dir" "$flags" "$metrics"
  else
    log "$name: port $port"
    "start_$name" "$port" "$dir"
  fi
  if ! wait_for_answer "$port" svc-0.ns-0.svc.cluster.local 120 "$SERVER_PID"; then
    log "$name did not answer on port $port; see $dir/server.log"
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    return 1
  fi
  log "$name: answering, checking answers"
  lib check "$port" "$RESULTS/cluster/samples.txt" | tee "$dir/check.txt" >&2 || log "$name: answers differ (see above)"
  lib sample "$SERVER_PID" "$dir/memory.json" &
  STARTED+=("$!")
  SAMPLERS+=("$!")
  log "$name: warm-up ${WARMUP}s"
  # shellcheck disable=SC2046
  $(dnsperf_args "$port" "$WARMUP") >"$dir/warmup.dnsperf" 2>&1
  if [[ "$JFR" == 1 && "$name" == clusterdns-* ]]; then
    jcmd "$SERVER_PID" JFR.start name=bench settings=profile >/dev/null
  fi
  NAMES+=("$name") PORTS+=("$port") DIRS+=("$dir") PIDS+=("$SERVER_PID")
}

# One timed run of server number $1, adding one JSON line to runs.jsonl.
timed_run() {
  local i=$1 run=$2
  local name=${NAMES[$i]} dir=${DIRS[$i]}
  # shellcheck disable=SC2046
  lib measure "${PIDS[$i]}" "$dir/run-$run" -- $(dnsperf_args "${PORTS[$i]}" "$DURATION") -v || true
  record_run "$name" "$run" "$dir"
}

# Stops server number $1 (after saving its flight recording) and its memory sampler.
finish_server() {
  local i=$1
  if [[ "$JFR" == 1 && "${NAMES[$i]}" == clusterdns-* ]]; then
    jcmd "${PIDS[$i]}" JFR.stop name=bench filename="${DIRS[$i]}/clusterdns.jfr" >/dev/null || true
  fi
  kill -TERM "${PIDS[$i]}" "${SAMPLERS[$i]}" 2>/dev/null || true
  wait "${PIDS[$i]}" "${SAMPLERS[$i]}" 2>/dev/null || true
}

# Every row to measure: "nsd", "dnsmasq", and "clusterdns-NAME FLAGS..." per JVM set-up.
rows() {
  local server name flags
  for server in $SERVERS; do
    if [[ "$server" == clusterdns ]]; then
      while read -r name flags; do
        [[ -n "$name" ]] || continue
        echo "clusterdns-$name $flags"
        if [[ "$METRICS" == both ]]; then echo "clusterdns-$name-prom $flags"; fi
      done <<<"$JVM_CONFIGS"
    else
      echo "$server"
    fi
  done
}

measure_all() {
  local name flags i run
  if [[ "$ORDER" == sequential ]]; then
    while read -r name flags; do
      prepare_server "$name" "$flags" </dev/null || continue
      i=$((${#NAMES[@]} - 1))
      for ((run = 1; run <= RUNS; run++)); do timed_run "$i" "$run" </dev/null; done
      finish_server "$i"
    done < <(rows)
  else
    while read -r name flags; do
      prepare_server "$name" "$flags" </dev/null || true
    done < <(rows)
    for ((run = 1; run <= RUNS; run++)); do
      log "round $run of $RUNS"
      for i in "${!NAMES[@]}"; do timed_run "$i" "$run"; done
    done
    for i in "${!NAMES[@]}"; do finish_server "$i"; done
  fi
}

measure_startup() {
  local port
  ((STARTUP_RUNS > 0)) || return 0
  port=$(lib free-port)
  log "start-up time of the built-in example, $STARTUP_RUNS runs (port $port)"
  lib startup "$STARTUP_RUNS" "$port" java -jar "$JAR" -dns.port "$port" >"$RESULTS/startup.json" \
    || { log "start-up measurement failed"; rm -f "$RESULTS/startup.json"; }
}

profile_hotspots() {
  local jfr_file
  for jfr_file in "$RESULTS"/*/clusterdns.jfr; do
    [[ -f "$jfr_file" ]] || continue
    jfr print --events jdk.ExecutionSample "$jfr_file" >"${jfr_file%.jfr}.samples.txt"
    lib hotspots "${jfr_file%.jfr}.samples.txt" >"${jfr_file%.jfr}.hotspots.txt"
    rm -f "${jfr_file%.jfr}.samples.txt"
    log "hot spots: ${jfr_file%.jfr}.hotspots.txt"
  done
}

main() {
  build_jar
  mkdir -p "$RESULTS"
  log "results in $RESULTS"
  if [[ "$CLUSTERDNS_SOURCE" == auto ]]; then
    if has_kubernetes_plugin; then CLUSTERDNS_SOURCE=kubernetes; else CLUSTERDNS_SOURCE=hosts; fi
  fi
  {
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host: $(uname -srm), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "java: $(java -version 2>&1 | head -1)"
    echo "dnsperf: $(dnsperf -h 2>&1 | grep -m1 Version)"
    echo "nsd: $(nsd -v 2>&1 | head -1)"
    echo "dnsmasq: $(dnsmasq -v | head -1)"
    echo "clusterdns source: $CLUSTERDNS_SOURCE; jar: $JAR"
    echo "order: $ORDER; prometheus: $METRICS"
    echo "settings: SERVICES=$SERVICES NAMESPACES=$NAMESPACES HEADLESS=$HEADLESS ENDPOINTS=$ENDPOINTS QUERIES=$QUERIES SEED=$SEED" \
      "RUNS=$RUNS DURATION=$DURATION WARMUP=$WARMUP CLIENTS=$CLIENTS OUTSTANDING=$OUTSTANDING MODE=$MODE"
    echo "jvm configs:"
    echo "$JVM_CONFIGS" | sed 's/^/  /'
  } >"$RESULTS/environment.txt"
  cat "$RESULTS/environment.txt" >&2
  "$PYTHON" "$BENCH_DIR/gen_cluster.py" "$RESULTS/cluster" --services "$SERVICES" --namespaces "$NAMESPACES" \
    --headless "$HEADLESS" --endpoints "$ENDPOINTS" --queries "$QUERIES" --seed "$SEED" >&2
  : >"$RESULTS/runs.jsonl"

  measure_all
  measure_startup
  profile_hotspots
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS/environment.txt"
  rm -rf "$RESULTS/cluster/k8s" "$RESULTS/cluster/queries.txt"
  lib table "$RESULTS/runs.jsonl" "$RESULTS/startup.json" | tee "$RESULTS/table.md"
  log "load average after: $(cut -d' ' -f1-3 /proc/loadavg); raw results in $RESULTS"
}

main "$@"
