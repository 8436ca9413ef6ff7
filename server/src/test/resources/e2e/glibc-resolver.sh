#!/usr/bin/env bash
# Runs inside `unshare --net --mount` (as root): a private loopback-only network and a private
# /etc/resolv.conf, so glibc's resolver (getent) talks to the jar on port 53 and nothing on the
# machine is touched. Usage: glibc-resolver.sh JAVA JAR WORKDIR NAME...
# Prints one line per NAME: "NAME -> <addresses, sorted, comma-separated, or NOTFOUND>".
# `getent hosts` (gethostbyname2) is used rather than `ahosts` (getaddrinfo), whose
# AI_ADDRCONFIG finds no IPv4 address in a loopback-only namespace and never queries.
set -euo pipefail
java=$1 jar=$2 work=$3
shift 3

mount --make-rprivate /
ip link set lo up
cat > "$work/resolv.conf" <<'CONF'
nameserver 127.0.0.1
search default.svc.cluster.local svc.cluster.local cluster.local
options ndots:5 timeout:1 attempts:2
CONF
mount --bind "$work/resolv.conf" /etc/resolv.conf
printf 'hosts: files dns\n' > "$work/nsswitch.conf"
mount --bind "$work/nsswitch.conf" /etc/nsswitch.conf

"$java" -jar "$jar" -dns.port 53 > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT

for _ in $(seq 1 300); do
  if getent hosts kube-dns.kube-system.svc.cluster.local > /dev/null 2>&1; then
    break
  fi
  if ! kill -0 $server 2>/dev/null; then
    echo "server exited:"; cat "$work/server.log"; exit 1
  fi
  sleep 0.1
done

for name in "$@"; do
  if out=$(getent hosts "$name" 2>/dev/null | awk '{print $1}' | sort -u | paste -sd, -); [ -n "$out" ]; then
    echo "$name -> $out"
  else
    echo "$name -> NOTFOUND"
  fi
done
