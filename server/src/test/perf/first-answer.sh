#!/usr/bin/env bash
# Time from `java -jar clusterdns.jar` (built-in example on 127.0.0.1:1053) to its first answer.
# Usage: server/src/test/perf/first-answer.sh [JAVA_OPTS...]   (JAR=... for another build)
set -euo pipefail
root=$(cd "$(dirname "$0")/../../../.." && pwd)
jar=${JAR:-$root/server/target/clusterdns.jar}
start=$(date +%s%N)
java "$@" -jar "$jar" > /tmp/first-answer.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until dig +short +time=1 +tries=1 -p 1053 @127.0.0.1 nginx-service.default.svc.cluster.local A 2>/dev/null | grep -q 10.96; do
  kill -0 $pid 2>/dev/null || { cat /tmp/first-answer.log; exit 1; }
  sleep 0.01
done
cpu=$(sed 's/.*) //' /proc/$pid/stat | awk '{print ($12+$13)*10}')
echo "first answer after $(( ($(date +%s%N) - start) / 1000000 )) ms wall, ${cpu} ms CPU"
