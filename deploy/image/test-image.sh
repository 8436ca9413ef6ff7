#!/usr/bin/env bash
# Builds the container image and checks it the way kube-system runs it: read-only root file
# system, non-root user, every capability dropped but NET_BIND_SERVICE, port 53 inside, the
# Corefile and YAML manifests mounted read-only, a 170 MiB memory limit. The container gets a
# network namespace of its own that this script creates (loopback only), so port 53 never meets
# the host's. Run as root from anywhere:
#
#   bash deploy/image/test-image.sh [COREFILE [PORT/PATH...]]
#
# COREFILE (default deploy/image/ci/Corefile) is mounted as /etc/coredns/Corefile and must read
# the cluster from /etc/clusterdns/manifests (deploy/image/cluster.yaml is mounted there). Each
# PORT/PATH (e.g. 8080/health 8181/ready 9153/metrics) must answer HTTP 200 once the server
# answers DNS; deploy/image/ci/kubeadm.Corefile is kubeadm's Corefile for that use. It checks
# that the application class-data archive is used and holds every class a start loads, and times
# the starts (wall time to the first answer, and CPU time, which a loaded machine inflates less).
# Settings: IMAGE [clusterdns:ci], BUILD [1; 0 reuses the image], STARTS [5] timed starts.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
COREFILE="$(realpath "${1:-$ROOT/deploy/image/ci/Corefile}")"
shift $(($# > 0 ? 1 : 0))
HTTP_CHECKS=("$@")
IMAGE="${IMAGE:-clusterdns:ci}"
BUILD="${BUILD:-1}"
STARTS="${STARTS:-5}"
NETNS="clusterdns-image-$$"
CONTAINER="clusterdns-image-test-$$"
SCRIPT_START=$SECONDS

log() { echo "[image-test $(date -u +%H:%M:%S)] $*"; }
fail() { echo "[image-test] FAIL: $*" >&2; exit 1; }

cleanup() {
  podman-local rm -f -t 0 "$CONTAINER" >/dev/null 2>&1 || true
  ip netns delete "$NETNS" 2>/dev/null || true
}
trap cleanup EXIT

command -v podman-local >/dev/null || bash "$ROOT/.ci/container-setup.sh"
command -v dig >/dev/null || fail "dig is missing (apt-get install bind9-dnsutils)"

if [[ "$BUILD" == 1 ]]; then
  log "building $IMAGE"
  build_start=$SECONDS
  podman-local build --network host -t "$IMAGE" "$ROOT" >/tmp/clusterdns-image-build.$$ 2>&1 \
    || { tail -50 /tmp/clusterdns-image-build.$$; fail "image build"; }
  rm -f /tmp/clusterdns-image-build.$$
  log "built in $((SECONDS - build_start)) s"
fi
base_bytes=$(podman-local image inspect --format '{{.Size}}' debian:bookworm-slim)
image_bytes=$(podman-local image inspect --format '{{.Size}}' "$IMAGE")
log "image $IMAGE: $((image_bytes / 1048576)) MiB, $(((image_bytes - base_bytes) / 1048576)) MiB above debian:bookworm-slim"

ip netns add "$NETNS"
ip netns exec "$NETNS" ip link set lo up
in_ns() { ip netns exec "$NETNS" "$@"; }

# run_container [PODMAN-RUN-OPTIONS]: starts the image as kube-system runs it; prints nothing,
# sets CONTAINER running
run_container() {
  podman-local run -d --name "$CONTAINER" --network "ns:/run/netns/$NETNS" "$@" \
    --read-only --user 65532:65532 --cap-drop ALL --cap-add NET_BIND_SERVICE \
    --security-opt no-new-privileges --memory 170m --memory-swap 170m \
    --dns 192.0.2.53 \
    -v "$COREFILE:/etc/coredns/Corefile:ro" \
    -v "$ROOT/deploy/image/cluster.yaml:/etc/clusterdns/manifests/cluster.yaml:ro" \
    "$IMAGE" -conf /etc/coredns/Corefile >/dev/null
}

# answer NAME TYPE [DIG-OPTIONS]: the short answer from the container
answer() {
  in_ns dig @127.0.0.1 -p 53 +time=1 +tries=1 +short "$@" 2>/dev/null || true
}

# start_timed [PODMAN-RUN-OPTIONS]: starts the container (run_container) with first-answer.py
# asking for a cluster name in its network namespace from before `podman run`, and prints, once
# the answer came: the process's age then (ms), the time from `podman run` (ms), the CPU time of
# the process and of its main thread by then (ms), and the threads that took the most CPU
# ("name cpu/wait, ..." in ms, wait being time runnable but without a core; "java" is the main
# thread and the launcher's). CPU time says more than wall time on a machine busy with other
# work; the main thread is the critical path, while the JIT compilers run beside it on a second
# core.
start_timed() {
  local probe_out probe pid t0 age real cpu main threads
  probe_out=$(mktemp)
  in_ns python3 "$ROOT/deploy/image/first-answer.py" nginx-service.default.svc.cluster.local 10.96.120.15 \
    >"$probe_out" &
  probe=$!
  t0=$(date +%s%N)
  run_container "$@"
  pid=$(podman-local inspect --format '{{.State.Pid}}' "$CONTAINER")
  while kill -0 "$probe" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { kill "$probe"; podman-local logs "$CONTAINER" >&2; fail "the server exited"; }
    sleep 0.05
  done
  wait "$probe" || { podman-local logs "$CONTAINER" >&2; fail "no first answer"; }
  read -r age real cpu main threads <"$probe_out"
  rm -f "$probe_out"
  echo "$age $(((real - t0) / 1000000)) $cpu $main $threads"
}

# The application class-data archive must map and hold every class a start loads from the jar up
# to the first answer: -Xshare:on stops the JVM when the archive cannot be used, and the class
# loading log names each class that came from the jar instead (a path the training missed).
log "checking that the class-data archive maps and holds the classes of a start"
read -r _ < <(start_timed -e JAVA_TOOL_OPTIONS="-Xshare:on -Xlog:class+load=info:stdout:tags")
classes=$(podman-local logs "$CONTAINER" 2>&1)
podman-local rm -f -t 2 "$CONTAINER" >/dev/null
archived=$(grep -c 'source: shared objects file (top)' <<<"$classes" || true)
from_jar=$(grep 'source: file:/opt/clusterdns/clusterdns.jar' <<<"$classes" || true)
log "classes from the application archive: $archived; from the jar: $(grep -c . <<<"$from_jar" || true)"
((archived > 1000)) || { tail -20 <<<"$classes"; fail "the application class-data archive is not used"; }
[[ -z "$from_jar" ]] || { echo "$from_jar" >&2; fail "classes loaded from the jar, not from the archive (train-cds.sh misses them)"; }

log "timing $STARTS starts (JVM process start to first answer; podman run to first answer)"
process_ms=() cpu_ms=() main_ms=() run_ms=()
for ((i = 1; i <= STARTS; i++)); do
  read -r wall run cpu main threads < <(start_timed)
  process_ms+=("$wall") run_ms+=("$run") cpu_ms+=("$cpu") main_ms+=("$main")
  if ((i < STARTS)); then podman-local rm -f -t 2 "$CONTAINER" >/dev/null; fi
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
log "first answer after process start: median $(median "${process_ms[@]}") ms (${process_ms[*]})"
log "first answer after podman run:    median $(median "${run_ms[@]}") ms (${run_ms[*]})"
log "CPU time to the first answer:      median $(median "${cpu_ms[@]}") ms (${cpu_ms[*]}; $(getconf _NPROCESSORS_ONLN) cores, load $(cut -d' ' -f1 /proc/loadavg))"
log "  of it in the main thread:         median $(median "${main_ms[@]}") ms (${main_ms[*]})"
log "  by thread, the last start (CPU/waiting for a core, ms): $threads"
pid=$(podman-local inspect --format '{{.State.Pid}}' "$CONTAINER")

log "checking the container's confinement"
[[ "$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")" == 65532 ]] || fail "not running as uid 65532"
grep -q '^CapEff:\s*0000000000000400$' "/proc/$pid/status" \
  || fail "effective capabilities are not exactly NET_BIND_SERVICE: $(grep CapEff "/proc/$pid/status")"
[[ "$(podman-local inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$CONTAINER")" == true ]] \
  || fail "root file system is writable"

log "checking answers over UDP and TCP"
check() {
  local expected=$1; shift
  local got
  got="$(answer "$@" | sort | paste -sd' ')"
  [[ "$got" == "$expected" ]] || fail "dig $*: expected '$expected', got '$got'"
  echo "ok   dig $* -> $got"
}
for transport in +notcp +tcp; do
  check 10.96.120.15 nginx-service.default.svc.cluster.local A "$transport"
  check "10.244.3.46 10.244.3.47 10.244.3.48" nginx-headless-service.default.svc.cluster.local A "$transport"
  check "0 100 80 nginx-service.default.svc.cluster.local." _http._tcp.nginx-service.default.svc.cluster.local SRV "$transport"
  check db.example.com. my-database.default.svc.cluster.local CNAME "$transport"
  check kube-dns.kube-system.svc.cluster.local. -x 10.96.0.10 "$transport"
done
status=$(in_ns dig @127.0.0.1 +time=1 +tries=1 no-such-service.default.svc.cluster.local A | awk '/status:/ {print $6}')
[[ "$status" == "NXDOMAIN," ]] || fail "a missing Service: expected NXDOMAIN, got $status"
echo "ok   dig no-such-service.default.svc.cluster.local -> NXDOMAIN"

for http in "${HTTP_CHECKS[@]}"; do
  port=${http%%/*} path=/${http#*/}
  code=$(in_ns curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port$path" || true)
  [[ "$code" == 200 ]] || fail "GET :$port$path answered $code, expected 200"
  echo "ok   GET :$port$path -> 200"
done

rss_kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
log "resident after the checks: $((rss_kib / 1024)) MiB (limit 170 MiB)"
log "stopping (SIGTERM)"
stop_start=$(date +%s%N)
podman-local stop -t 30 "$CONTAINER" >/dev/null
exit_code=$(podman-local inspect --format '{{.State.ExitCode}}' "$CONTAINER")
log "stopped after $((($(date +%s%N) - stop_start) / 1000000)) ms with exit code $exit_code"
[[ "$exit_code" == 0 || "$exit_code" == 143 ]] || { podman-local logs "$CONTAINER" | tail -20; fail "exit code $exit_code"; }
log "passed in $((SECONDS - SCRIPT_START)) s"
