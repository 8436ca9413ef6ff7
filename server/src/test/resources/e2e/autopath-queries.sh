#!/usr/bin/env bash
# Runs inside `unshare --net --mount` (as root): counts the queries glibc's resolver sends for
# each NAME from a Pod of namespace `default` (resolv.conf as the kubelet writes it, ndots:5)
# to the jar on port 53 of each NAMESERVER in turn (the Corefile binds a block to each). The
# Pod's address is 127.0.0.1, the source of every query here. Each block logs every query (log
# plugin, format "QUERY {type} {name}"); the lines added while one lookup runs are its queries.
# 10.0.0.1 on the namespace's loopback lets getaddrinfo's AI_ADDRCONFIG see an IPv4 address other
# than 127.0.0.1, so that `getent ahostsv4` (A only, as most programs resolve) queries at all;
# `getent hosts` asks AAAA, then A. Everything stays in the private network namespace.
# Usage: autopath-queries.sh JAVA JAR WORKDIR COREFILE NAMESERVERS(comma-separated) NAME...
# Prints one line per nameserver, lookup and NAME:
# "NAMESERVER LOOKUP NAME -> <addresses or NOTFOUND> queries=N".
set -euo pipefail
java=$1 jar=$2 work=$3 corefile=$4 nameservers=$5
shift 5

mount --make-rprivate /
ip link set lo up
ip addr add 10.0.0.1/32 dev lo
# The server's own resolv.conf, read at start: autopath adds its search domains to a Pod's.
printf 'nameserver 127.0.0.1\nsearch corp.example\n' > "$work/resolv.conf"
mount --bind "$work/resolv.conf" /etc/resolv.conf
printf 'hosts: files dns\n' > "$work/nsswitch.conf"
mount --bind "$work/nsswitch.conf" /etc/nsswitch.conf

"$java" -jar "$jar" -conf "$corefile" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT

pod_resolv_conf() {
  printf 'nameserver %s\nsearch default.svc.cluster.local svc.cluster.local cluster.local corp.example\n' "$1" \
    > "$work/resolv.conf"
  printf 'options ndots:5 timeout:1 attempts:2\n' >> "$work/resolv.conf"
}

for nameserver in ${nameservers//,/ }; do
  pod_resolv_conf "$nameserver"
  for _ in $(seq 1 300); do
    if getent hosts web.default.svc.cluster.local. > /dev/null 2>&1; then
      break
    fi
    if ! kill -0 $server 2>/dev/null; then
      echo "server exited:"; cat "$work/server.log"; exit 1
    fi
    sleep 0.1
  done
done

queries() {
  grep -c 'QUERY ' "$work/server.log" || true
}

# The count once the log has stopped growing (a log line follows its reply by a little).
settled() {
  local last now
  last=$(queries)
  for _ in $(seq 1 50); do
    sleep 0.02
    now=$(queries)
    if [ "$now" = "$last" ]; then
      break
    fi
    last=$now
  done
  echo "$last"
}

for nameserver in ${nameservers//,/ }; do
  pod_resolv_conf "$nameserver"
  for lookup in hosts ahostsv4; do
    for name in "$@"; do
      before=$(settled)
      out=$(getent "$lookup" "$name" 2>/dev/null | awk '{print $1}' | sort -u | paste -sd, - || true)
      after=$(settled)
      echo "$nameserver $lookup $name -> ${out:-NOTFOUND} queries=$((after - before))"
    done
  done
done
