# Sourced by the bench scripts.
#
# start_reference PORT LOG [NAME=VALUE...] starts the reference target
# in its own JVM (`mvn exec:java`) with those settings, stops it when the script exits, and returns
# once it answers /healthz. A port that already answers is refused: a benchmark against some other
# process (an earlier run's target, with other settings) would measure the wrong thing.
start_reference() {
  local port=$1 log=$2
  shift 2
  if curl -s -m 2 -o /dev/null "http://127.0.0.1:$port/healthz"; then
    echo "$(basename "$0"): port $port already answers; stop what listens there first (ss -ltnp | grep :$port)" >&2
    exit 1
  fi
  env REFERENCE_PORT="$port" "$@" mvn -q -B exec:java >"$log" 2>&1 &
  REFERENCE_PID=$!
  trap 'kill $REFERENCE_PID 2>/dev/null || true; wait $REFERENCE_PID 2>/dev/null || true' EXIT
  for _ in $(seq 90); do
    curl -sf -m 3 -o /dev/null "http://127.0.0.1:$port/healthz" && return 0
    kill -0 "$REFERENCE_PID" 2>/dev/null || break
    sleep 1
  done
  echo "$(basename "$0"): the reference target did not come up on port $port; see $log" >&2
  exit 1
}

# injector_pid: the Gatling JVM's pid once it runs (waits at most 120 s), or exits naming LOG.
injector_pid() { # log
  local pid
  for _ in $(seq 120); do
    pid=$(pgrep -f "io.gatling.app.Gatling" | head -1 || true)
    [ -n "$pid" ] && { echo "$pid"; return 0; }
    sleep 1
  done
  echo "$(basename "$0"): the injector JVM did not start; see $1" >&2
  exit 1
}

# heap_after_full_gc_mib PID: a full GC in that JVM, then its heap used in MiB (nothing if it is gone).
heap_after_full_gc_mib() { # pid
  jcmd "$1" GC.run >/dev/null 2>&1 || return 0
  local used_kb
  used_kb=$(jcmd "$1" GC.heap_info 2>/dev/null | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1)
  [ -n "$used_kb" ] && echo $((used_kb / 1024))
  return 0
}
