#!/usr/bin/env bash
# Heap of the injector JVM during a bounded soak (bench/soak-heap.json, 15 min at 20 journeys/s).
# The reference target runs in its own JVM so its database does not count. Every SAMPLE_SEC the
# injector is asked for a full GC and its heap used after it is read: the live set, which stays
# flat when nothing is retained per request. Output: bench/results/soak-heap.csv (second, MiB).
# Loopback only; it stops by itself. Usage: bench/soak-heap.sh [sample seconds, default 60]
set -euo pipefail
cd "$(dirname "$0")/.."
SAMPLE_SEC="${1:-60}"
PORT=18080
SECRET="soak-bench-$(date +%s)"
mkdir -p bench/results
OUT=bench/results/soak-heap.csv
LOG=bench/results/soak-heap.log

mvn -q -B compile test-compile
source bench/common.sh
start_reference $PORT "$LOG.reference" STELLA_CLIENT_SECRET="$SECRET" REFERENCE_RATE_LIMIT_PER_SEC=0

STELLA_BASE_URL="http://127.0.0.1:$PORT" STELLA_CLIENT_ID=stella-harness STELLA_CLIENT_SECRET="$SECRET" \
  mvn -q -B gatling:test -Dprofile=bench/soak-heap.json -Dharness.resultsRoot=bench/results/runs >"$LOG" 2>&1 &
RUN=$!
INJECTOR=$(injector_pid "$LOG")
echo "second,heapUsedAfterFullGcMiB" >"$OUT"
START=$(date +%s)
while kill -0 "$INJECTOR" 2>/dev/null; do
  sleep "$SAMPLE_SEC"
  kill -0 "$INJECTOR" 2>/dev/null || break
  USED_MIB=$(heap_after_full_gc_mib "$INJECTOR")
  [ -n "$USED_MIB" ] || break
  echo "$(( $(date +%s) - START )),$USED_MIB" | tee -a "$OUT"
done
wait $RUN || true
tail -3 "$LOG"
