#!/usr/bin/env bash
# Loading a cluster from Kubernetes YAML: `java -jar` to the first answer, beside the floor (the
# same files parsed to events by snakeyaml-engine alone, in a JVM of its own), run after run so
# that other load on the machine falls on both alike. Prints one line per size with medians,
# their ratio and the load average.
#
#   bash bench/yaml_load.sh                 # 10,000 and 100,000 Services, 3 runs each
#   RUNS=5 bash bench/yaml_load.sh 20000    # other sizes: SERVICES...
#   JAVA_OPTS="-Xmx256m -XX:+UseSerialGC" bash bench/yaml_load.sh 100000
#   JAR=/tmp/before.jar bash bench/yaml_load.sh 100000   # another build of the server
#   THREADS=1 bash bench/yaml_load.sh 100000   # also where the server's CPU went by the first answer
#
# Each size is bench/gen_cluster.py with a quarter of the Services headless and 20 endpoints
# each (10,000 Services: 50,000 endpoints, 8.6 MB of YAML). Needs server/target/clusterdns.jar
# and bench/target/benchmarks.jar (`mvn -B -q -o package -DskipTests` builds both).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
JAVA_OPTS=${JAVA_OPTS:-}
JAR=${JAR:-server/target/clusterdns.jar}
BENCH_JAR=bench/target/benchmarks.jar
for jar in "$JAR" "$BENCH_JAR"; do
  [ -f "$jar" ] || { echo "missing $jar: mvn -B -q -o package -DskipTests" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { python3 -c 'import statistics,sys; print(round(statistics.median(float(x) for x in sys.argv[1:])))' "$@"; }

for services in "${@:-10000 100000}"; do
  for size in $services; do
    dir="$work/$size"
    python3 bench/gen_cluster.py "$dir" --services "$size" --headless $((size / 4)) --endpoints 20 \
      --queries 10 >/dev/null
    printf 'cluster.local {\n    kubernetes cluster.local {\n        manifests %s\n    }\n}\n' "$dir/k8s" \
      > "$dir/Corefile"
    port=$(python3 bench/benchlib.py free-port)
    before=$(cut -d' ' -f1-3 /proc/loadavg)
    floor=() parse=() answer=() threads=()
    for _ in $(seq "$RUNS"); do
      start=$(date +%s%N)
      line=$(java $JAVA_OPTS -cp "$BENCH_JAR" io.clusterdns.bench.YamlFloor "$dir/k8s")
      floor+=($(( ($(date +%s%N) - start) / 1000000 )))
      parse+=("$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["parse_ms"])' "$line")")
      # shellcheck disable=SC2086
      ms=$(STARTUP_NAME=svc-0.ns-0.svc.cluster.local STARTUP_TIMEOUT=600 STARTUP_THREADS=${THREADS:-0} \
        python3 bench/benchlib.py startup 1 "$port" java $JAVA_OPTS -jar "$JAR" -conf "$dir/Corefile" -dns.port "$port")
      answer+=("$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["median_ms"])' "$ms")")
      threads+=("$ms")
    done
    after=$(cut -d' ' -f1-3 /proc/loadavg)
    f=$(median "${floor[@]}")
    a=$(median "${answer[@]}")
    echo "$size Services, $(du -sh "$dir/k8s" | cut -f1) of YAML: first answer median ${a} ms" \
      "(${answer[*]}); floor: java to parsed median ${f} ms (${floor[*]}), of which parsing" \
      "$(median "${parse[@]}") ms; first answer / floor = $(python3 -c "print(f'{$a / $f:.2f}')");" \
      "load average ${before} before, ${after} after"
    if [ "${THREADS:-0}" = 1 ]; then
      python3 bench/benchlib.py threads-median "${threads[@]}"
    fi
  done
done
