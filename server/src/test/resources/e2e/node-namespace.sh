# The start of the end-to-end scripts that run inside `unshare --net --mount` as a node:
# mounts made from here on stay in this namespace, loopback is up, and the background processes
# whose ids the script adds to pids are killed, and waited for, when it exits. Sourced first by
# kubeadm-corefile.sh and node-local-cache.sh.
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

mount --make-rprivate /
ip link set lo up
