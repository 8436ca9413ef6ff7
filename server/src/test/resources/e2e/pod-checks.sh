# The checks of the end-to-end scripts as a pod sees the server, shared by kubeadm-corefile.sh and
# node-local-cache.sh. Each check prints one line, "CHECK -> RESULT", which the test compares.
# Sourced by the script, for run_in_pod; and by the pod's shell, which run_in_pod starts.
pod_checks_script=$(realpath "${BASH_SOURCE[0]}")

# run_in_pod WORK NAMESERVER < CHECKS: runs the bash commands CHECKS, which may use the functions
# below, in a mount namespace of their own where /etc/resolv.conf is a pod's as the kubelet
# writes it for a cluster DNS at NAMESERVER (search path, ndots:5) and nsswitch.conf asks files,
# then DNS. WORK holds the two files.
run_in_pod() {
  local work=$1 nameserver=$2
  cat > "$work/pod-resolv.conf" <<CONF
nameserver $nameserver
search default.svc.cluster.local svc.cluster.local cluster.local
options ndots:5 timeout:1 attempts:2
CONF
  printf 'hosts: files dns\n' > "$work/nsswitch.conf"
  {
    printf 'set -uo pipefail\n. %q\nenter_pod %q %q\n' "$pod_checks_script" "$work" "$nameserver"
    cat
  } | unshare --mount bash -s
}

# enter_pod WORK NAMESERVER: in the pod's mount namespace, puts the pod's files in place.
enter_pod() {
  mount --make-rprivate /
  mount --bind "$1/pod-resolv.conf" /etc/resolv.conf
  mount --bind "$1/nsswitch.conf" /etc/nsswitch.conf
  pod_nameserver=$2
}

# glibc NAME: the addresses getaddrinfo finds through the pod's search path, or NOTFOUND.
glibc() {
  local out
  out=$(getent hosts "$1" 2>/dev/null | awk '{print $1}' | sort -u | paste -sd, -)
  echo "getent $1 -> ${out:-NOTFOUND}"
}

# digs AT ARGS...: the answer's records from the server at AT, EMPTY when none, NOANSWER when
# it did not answer.
digs() {
  local at=$1 out status
  shift
  out=$(dig @"$at" +short +time=2 +tries=1 "$@" 2>&1)
  status=$?
  if [ "$status" -ne 0 ] || [[ "$out" == *"timed out"* || "$out" == *"connection refused"* ]]; then
    out=NOANSWER
  fi
  out=$(printf '%s\n' "$out" | sort | paste -sd, -)
  echo "dig @$at $* -> ${out:-EMPTY}"
}

# rcode ARGS...: the status of the pod's name server's answer.
rcode() {
  local out
  out=$(dig @"$pod_nameserver" +time=2 +tries=1 "$@" | sed -n 's/.*status: \([A-Z]*\),.*/\1/p')
  echo "rcode $* -> $out"
}

# http HOST:PORT/PATH: the HTTP status code.
http() {
  echo "http $1 -> $(curl -s -o /dev/null -w '%{http_code}' "http://$1")"
}

# metrics HOST:PORT: whether the Prometheus endpoint there counts DNS requests.
metrics() {
  local body
  # Read whole first: grep -q stops at the first match, and curl, cut off, would fail the pipe.
  body=$(curl -s "http://$1/metrics")
  if grep -q '^coredns_dns_requests_total{' <<<"$body"; then
    echo "metrics coredns_dns_requests_total -> present"
  else
    echo "metrics coredns_dns_requests_total -> missing"
  fi
}

# search_path_checks: cluster and outside names through glibc and the pod's search path, and
# the rcode of a search-path miss and of a name that does not exist.
search_path_checks() {
  glibc nginx-service
  glibc nginx-service.default
  glibc kube-dns.kube-system
  glibc nginx-headless-service
  glibc www.example.test
  glibc no-such-host.example.test
  rcode www.example.test.default.svc.cluster.local A
  rcode no-such-host.example.test A
}

# answer_checks AT: the answers of the server at AT for a headless Service, an ExternalName
# Service, an outside name (the NSD upstream's), and the reverse names of a Service and of the
# outside name.
answer_checks() {
  digs "$1" nginx-headless-service.default.svc.cluster.local A
  digs "$1" my-database.default.svc.cluster.local A
  digs "$1" www.example.test A
  digs "$1" -x 10.96.0.10
  digs "$1" -x 198.51.100.80
}
