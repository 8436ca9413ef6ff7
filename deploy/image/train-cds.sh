#!/usr/bin/env bash
# Image build step: writes the application class-data archive ARCHIVE by running the server on
# training.Corefile (kubeadm's Corefile), answering the queries a cluster sends over UDP and TCP
# (cluster names, reverse names, missing names, forwarded names), serving /health, /ready and
# /metrics, and stopping on SIGTERM; the JVM dumps the classes it loaded at exit. The
# entrypoint's JVM then maps them instead of loading and verifying the jar's classes, which is
# most of the start-up time. Run it with the entrypoint's JVM and jar (JAVA, JAR) so the archive
# matches them: the JVM ignores an archive made for another jar.
set -euo pipefail
archive=$1
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
java=${JAVA:-/opt/clusterdns/java/bin/java}
jar=${JAR:-/opt/clusterdns/clusterdns.jar}
manifests=${MANIFESTS:-/opt/clusterdns/training/cluster.yaml}
# The manifests are read from a directory, as the image runs (a ConfigMap volume, test-image.sh):
# listing a directory takes classes and lambdas of its own, which a file would leave untrained.
manifest_dir=$(mktemp -d)
if [[ -d "$manifests" ]]; then cp "$manifests"/* "$manifest_dir/"; else cp "$manifests" "$manifest_dir/"; fi
manifests=$manifest_dir
corefile=$(mktemp)
sed "s#/opt/clusterdns/training/cluster.yaml#$manifests#" "$here/training.Corefile" >"$corefile"
export TRAIN_RESOLV_CONF=$(mktemp)
echo 'nameserver 127.0.0.1' >"$TRAIN_RESOLV_CONF"
server=
trap 'if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; fi; rm -rf "$corefile" "$TRAIN_RESOLV_CONF" "$manifest_dir"' EXIT

# An EDNS0 OPT record (size 1232, DO set) with a client cookie, as dig sends: 23 bytes.
OPT='\x00\x00\x29\x04\xd0\x00\x00\x80\x00\x00\x0c\x00\x0a\x00\x08\x01\x02\x03\x04\x05\x06\x07\x08'

# query NAME TYPE [edns]: sets QUERY to a query with RD set as printf escapes and LENGTH to its
# size; with edns, the query carries OPT
query() {
  local label additional='\x00'
  if [[ "${3:-}" == edns ]]; then additional='\x01'; fi
  QUERY='\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00'$additional LENGTH=17
  local IFS=.
  for label in $1; do
    QUERY+=$(printf '\\x%02x' ${#label})$label
    LENGTH=$((LENGTH + 1 + ${#label}))
  done
  QUERY+=$(printf '\\x00\\x%02x\\x%02x\\x00\\x01' $(($2 >> 8)) $(($2 & 255)))
  if [[ "${3:-}" == edns ]]; then
    QUERY+=$OPT
    LENGTH=$((LENGTH + 23))
  fi
}

# udp NAME TYPE [edns]: true when a reply came back (its first byte is enough to know)
udp() {
  query "$@"
  exec 3<>"/dev/udp/127.0.0.1/$TRAIN_DNS_PORT" || return 1
  printf "$QUERY" >&3
  IFS= read -r -t 2 -N 1 _ <&3
  local got=$?
  exec 3<&-
  return $got
}

# tcp NAME TYPE [edns]: the same over TCP, with the 2-byte length
tcp() {
  query "$@"
  exec 4<>"/dev/tcp/127.0.0.1/$TRAIN_DNS_PORT"
  printf "$(printf '\\x%02x\\x%02x' $((LENGTH >> 8)) $((LENGTH & 255)))$QUERY" >&4
  IFS= read -r -t 5 -N 1 _ <&4
  local got=$?
  exec 4<&-
  return $got
}

# http PORT PATH: fails unless the answer is 200
http() {
  local status
  exec 5<>"/dev/tcp/127.0.0.1/$1"
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&5
  IFS= read -r -t 5 status <&5
  cat <&5 >/dev/null
  exec 5<&-
  [[ "$status" == "HTTP/1.1 200 "* ]] || { echo "train-cds: GET $2 answered '$status'" >&2; return 1; }
}

# serve: starts the server on five consecutive random ports below the ephemeral range (the build
# may share the host's network) and returns once it answers; fails when it exits (a port taken)
serve() {
  local base=$((20000 + RANDOM % 12000)) deadline=$((SECONDS + 60))
  export TRAIN_DNS_PORT=$base TRAIN_UPSTREAM_PORT=$((base + 1)) TRAIN_HEALTH_PORT=$((base + 2))
  export TRAIN_READY_PORT=$((base + 3)) TRAIN_METRICS_PORT=$((base + 4))
  # -cp and the main class, as the entrypoint starts it
  "$java" -XX:ArchiveClassesAtExit="$archive" -XX:-UsePerfData -Xlog:cds=off \
    -cp "$jar" io.clusterdns.server.cli.Main -conf "$corefile" &
  server=$!
  until udp nginx-service.default.svc.cluster.local 1 2>/dev/null; do
    if ((SECONDS > deadline)); then echo "train-cds: no answer within 60 s" >&2; exit 1; fi
    kill -0 "$server" 2>/dev/null || { wait "$server" || true; return 1; }
    sleep 0.1
  done
}

serve || serve || serve || { echo "train-cds: the server exited three times" >&2; exit 1; }
for _ in 1 2 3 4 5 6 7 8 9 10; do
  udp nginx-service.default.svc.cluster.local 1
  udp nginx-headless-service.default.svc.cluster.local 1
  udp _http._tcp.nginx-service.default.svc.cluster.local 33
  udp nginx-service.default.svc.cluster.local 28
  udp no-such-service.default.svc.cluster.local 1
  udp 10.0.96.10.in-addr.arpa 12
  udp www.example.com 1
  udp nginx-service.default.svc.cluster.local 1 edns
  udp www.example.com 1 edns
done
tcp nginx-service.default.svc.cluster.local 1
tcp nginx-service.default.svc.cluster.local 1 edns
tcp my-database.default.svc.cluster.local 5
tcp www.example.com 1
http "$TRAIN_HEALTH_PORT" /health
http "$TRAIN_READY_PORT" /ready
http "$TRAIN_METRICS_PORT" /metrics

kill -TERM "$server"
wait "$server" || true
trap - EXIT
rm -rf "$corefile" "$TRAIN_RESOLV_CONF" "$manifest_dir"
test -s "$archive" || { echo "train-cds: no archive written" >&2; exit 1; }
echo "train-cds: wrote $archive ($(du -k "$archive" | cut -f1) KiB)"
