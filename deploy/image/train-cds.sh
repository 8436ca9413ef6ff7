#!/usr/bin/env bash
# Image build step: writes the application class-data archive ARCHIVE by running the server on
# training.Corefile, answering UDP and TCP queries, and stopping it (the JVM dumps the classes it
# loaded at exit). The entrypoint's JVM then maps them instead of loading and verifying the jar's
# classes, which is most of the start-up time.
set -euo pipefail
archive=$1
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
java=/opt/clusterdns/java/bin/java
# The build may share the host's network: a random high port rather than a fixed one.
port=$((20000 + RANDOM % 20000))
"$java" -XX:ArchiveClassesAtExit="$archive" -XX:-UsePerfData -Xlog:cds=off -jar /opt/clusterdns/clusterdns.jar \
  -conf "$here/training.Corefile" -dns.port "$port" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT

# A query for nginx-service.default.svc.cluster.local A with RD set, as bytes for printf.
name='\x0dnginx-service\x07default\x03svc\x07cluster\x05local\x00'
query="\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00${name}\x00\x01\x00\x01"

answered_udp() {
  local byte
  exec 3<>"/dev/udp/127.0.0.1/$port" || return 1
  printf "$query" >&3
  # the first byte of the reply (the ID's high byte) is enough to know one came back
  IFS= read -r -t 1 -N 1 byte <&3
  local got=$?
  exec 3<&-
  return $got
}

deadline=$((SECONDS + 60))
until answered_udp 2>/dev/null; do
  if ((SECONDS > deadline)); then echo "train-cds: no answer within 60 s" >&2; exit 1; fi
  kill -0 "$server" || { echo "train-cds: the server exited" >&2; exit 1; }
  sleep 0.1
done
for _ in 1 2 3 4 5 6 7 8 9 10; do answered_udp; done
# TCP: the same query with its 2-byte length (57 bytes)
exec 4<>"/dev/tcp/127.0.0.1/$port"
printf "\x00\x39$query" >&4
IFS= read -r -t 5 -N 1 _ <&4
exec 4<&-

kill -TERM "$server"
wait "$server" || true
trap - EXIT
test -s "$archive" || { echo "train-cds: no archive written" >&2; exit 1; }
echo "train-cds: wrote $archive ($(du -k "$archive" | cut -f1) KiB)"
