# Shared by run.sh, forward.sh and flood.sh (sourced, not run): logging, the Python helpers, a
# bounded run that stops every process it started, installing missing tools, waiting for a
# server, NSD's configuration and a timed run's record.
# Needs BENCH_DIR, PYTHON and MAX_SECONDS set by the caller.

lib() { "$PYTHON" "$BENCH_DIR/benchlib.py" "$@"; }
log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }

STARTED=()
cleanup() {
  local pid
  for pid in "${STARTED[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The whole run is bounded: the watchdog ends this script, whose EXIT trap stops the rest.
(
  trap 'kill "$!" 2>/dev/null; exit 0' TERM
  sleep "$MAX_SECONDS" &
  wait "$!"
  log "time limit of ${MAX_SECONDS}s reached"
  kill -TERM $$
) &
STARTED+=("$!")

# install_tools PACKAGE...: installs those of the Debian packages (and the basics) whose command
# is missing; the command of a package is its name up to the first '-' (dnsmasq-base: dnsmasq).
install_tools() {
  local missing=() package
  for package in "$@"; do
    command -v "${package%%-*}" >/dev/null || missing+=("$package")
  done
  command -v taskset >/dev/null || missing+=(util-linux)
  command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
  command -v dig >/dev/null || missing+=(bind9-dnsutils)
  if ((${#missing[@]})); then
    [[ $EUID -eq 0 ]] || { log "need root to install: ${missing[*]}"; exit 1; }
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}


# wait_for_answer PORT NAME SECONDS PID: waits until the server on PORT answers NAME with an
# address, for up to SECONDS while process PID runs; fails otherwise.
wait_for_answer() {
  local port=$1 name=$2 deadline=$((SECONDS + $3)) pid=$4
  while ((SECONDS < deadline)) && kill -0 "$pid" 2>/dev/null; do
    # dig prints its own errors (connection refused) to stdout too: wait for an address.
    if dig @127.0.0.1 -p "$port" +tries=1 +time=1 +short "$name" A 2>/dev/null \
        | grep -Eq '^[0-9]+(\.[0-9]+){3}$'; then
      return 0
    fi
    sleep 0.2
  done
  return 1
}

# write_nsd_conf DIR PORT ZONE [SERVER_OPTION...]: DIR/nsd.conf for one NSD process on
# 127.0.0.1:PORT serving ZONE from DIR/ZONE.zone, every file of its own in DIR. RRL is off:
# Debian's NSD rate-limits to 200 answers a second per client subnet by default, which stalls a
# benchmark from one address. Each SERVER_OPTION ("key: value") is added to its server section.
write_nsd_conf() {
  local dir=$1 port=$2 zone=$3 option
  shift 3
  {
    cat <<EOF
server:
  ip-address: 127.0.0.1
  port: $port
  server-count: 1
  username: ""
  chroot: ""
  zonesdir: "$dir"
  database: ""
  zonelistfile: "$dir/zone.list"
  xfrdfile: "$dir/xfrd.state"
  xfrdir: "$dir"
  pidfile: "$dir/nsd.pid"
  logfile: "$dir/nsd.log"
  verbosity: 0
  rrl-ratelimit: 0
  rrl-whitelist-ratelimit: 0
EOF
    for option in "$@"; do
      echo "  $option"
    done
    cat <<EOF
remote-control:
  control-enable: no
zone:
  name: $zone
  zonefile: $zone.zone
EOF
  } >"$dir/nsd.conf"
}

# record_run NAME RUN DIR: adds the JSON line of run RUN of server NAME (dnsperf's figures, CPU
# and memory) to runs.jsonl, then keeps only the summary of dnsperf's output: the per-query
# lines were needed for the percentiles only.
record_run() {
  local name=$1 run=$2 dir=$3
  lib result "$name" "$run" "$dir/run-$run.dnsperf" "$dir/run-$run.cpu.json" "$dir/memory.json" \
    | tee -a "$RESULTS/runs.jsonl" >&2
  grep -v '^> ' "$dir/run-$run.dnsperf" >"$dir/run-$run.summary.txt" || true
  rm -f "$dir/run-$run.dnsperf"
}
