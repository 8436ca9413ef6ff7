#!/usr/bin/env bash
# Fuzzes one target with Jazzer for a given time and prints executions, coverage and findings.
#
#   bash fuzz/run.sh TARGET SECONDS
#
# TARGET is one of:
#   packet-example  ClusterDns.exchange over the built-in example cluster
#   packet-plugins  ClusterDns.exchange over a Corefile with every plugin that needs no network
#   corefile        the Corefile parser
#   manifest        the Kubernetes manifest reader
#   corefile-imports  the Corefile parser over a small tree of imported files
#   tcp-framing     a TCP listener on loopback fed fuzzed byte streams in fuzzed chunks
#   wire-diff       cache hits sent as bytes against the same hits rebuilt as messages (twin servers)
#   reply-wire      the cache's stored wire form and its hits, from any reply the next plugin gives
#
# Run from anywhere; it builds with the reactor from the repository root (offline when the
# dependencies are cached). The corpus Jazzer grows goes to <module>/.cifuzz-corpus/ (ignored by
# git); a finding is written by Jazzer into the committed seed directory
# (<module>/src/test/resources/<package>/<Class>Inputs/<method>/crash-*), where the normal test
# run replays it from then on. The full log is kept in target/fuzz-TARGET.log.
set -euo pipefail

usage() {
  echo "usage: $0 packet-example|packet-plugins|corefile|manifest|corefile-imports|tcp-framing|wire-diff|reply-wire SECONDS" >&2
  exit 2
}
[ $# -eq 2 ] || usage
case "$2" in ''|*[!0-9]*) usage ;; esac
case "$1" in
  packet-example) module=server; test='io.clusterdns.server.fuzz.ExchangeFuzzTest#builtInExample' ;;
  packet-plugins) module=server; test='io.clusterdns.server.fuzz.ExchangeFuzzTest#everyPlugin' ;;
  corefile) module=config; test='io.clusterdns.config.CorefileParserFuzzTest#parse' ;;
  manifest) module=plugins; test='io.clusterdns.plugin.cluster.source.ManifestReaderFuzzTest#read' ;;
  corefile-imports) module=config; test='io.clusterdns.config.CorefileImportsFuzzTest#imports' ;;
  tcp-framing) module=server; test='io.clusterdns.server.fuzz.TcpFramingFuzzTest#framing' ;;
  wire-diff) module=server; test='io.clusterdns.server.WireDifferentialFuzzTest#hitsAsBytes' ;;
  reply-wire) module=plugins; test='io.clusterdns.plugin.cache.ReplyWireFuzzTest#storedReply' ;;
  *) usage ;;
esac
# Coverage feedback from our code and from the parsers the target hands its bytes to: Jazzer's
# JUnit default instruments the test class's package only.
case "$1" in
  packet-*|wire-diff|reply-wire) instrument='io.clusterdns.**,org.xbill.DNS.**' ;;
  corefile|corefile-imports) instrument='io.clusterdns.config.**' ;;
  # The listener, its connections and the query path behind them; the plugins' answers are the
  # packet targets' business.
  tcp-framing) instrument='io.clusterdns.server.**' ;;
  manifest) instrument='io.clusterdns.**,org.snakeyaml.engine.**,com.fasterxml.jackson.core.**' ;;
esac
seconds=$2
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$root/target"
log="$root/target/fuzz-$1.log"
before=$(find "$root/$module/src/test/resources" -name 'crash-*' 2>/dev/null | sort)

cd "$root"
# JAZZER_FUZZ switches @FuzzTest from replaying seeds to fuzzing. jazzer.internal.arg.N are
# libFuzzer's command line (arg.0 is argv[0]); a -max_total_time there overrides the 5 minutes
# that @FuzzTest's maxDuration defaults to. -print_final_stats gives the executions at the end.
status=0
JAZZER_FUZZ=1 mvn -B -o -pl "$module" -am test \
  -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.redirectTestOutputToFile=false \
  -Djazzer.instrument="$instrument" -Djazzer.internal.arg.0=jazzer -Djazzer.internal.arg.1=-max_total_time="$seconds" \
  -Djazzer.internal.arg.2=-print_final_stats=1 >"$log" 2>&1 || status=$?

after=$(find "$root/$module/src/test/resources" -name 'crash-*' 2>/dev/null | sort)
echo "target:      $1 ($test), $seconds s, log $log"
grep -E '^#[0-9]+\s+(DONE|INITED)' "$log" | tail -2 || true
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log" || true
grep -E '^(==[0-9]+== )?== Java Exception|^Tests run:.*Fail' "$log" | head -5 || true
new=$(comm -13 <(echo "$before") <(echo "$after") | sed '/^$/d')
if [ -n "$new" ]; then
  echo "findings:"
  echo "$new"
else
  echo "findings:    none"
fi
exit "$status"
