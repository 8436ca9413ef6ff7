# Shared by run.sh and forward.sh (sourced, not run): logging, the Python helpers, a bounded
# run that stops every process it started, and installing missing tools.
# Needs BENCH_DIR, PYTHON and MAX_SECONDS set by the caller.

lib() { "$PYTHON" "$BENCH_DIR/benchlib.py" "$@"; }
log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }

STARTED=()
cleanup() {
  local pid
  for pid in "${STARTED[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The whole run is bounded: the watchdog ends this script, whose EXIT trap stops the rest.
(
  trap 'kill "$!" 2>/dev/null; exit 0' TERM
  sleep "$MAX_SECONDS" &
  wait "$!"
  log "time limit of ${MAX_SECONDS}s reached"
  kill -TERM $$
) &
STARTED+=("$!")

# install_tools PACKAGE...: installs those of the Debian packages (and the basics) whose command
# is missing; the command of a package is its name up to the first '-' (dnsmasq-base: dnsmasq).
install_tools() {
  local missing=() package
  for package in "$@"; do
    command -v "${package%%-*}" >/dev/null || missing+=("$package")
  done
  command -v taskset >/dev/null || missing+=(util-linux)
  command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
  command -v dig >/dev/null || missing+=(bind9-dnsutils)
  if ((${#missing[@]})); then
    [[ $EUID -eq 0 ]] || { log "need root to install: ${missing[*]}"; exit 1; }
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

