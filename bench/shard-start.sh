#!/usr/bin/env bash
# Issue 24 (BENCHMARKS part 12): where a sharded run's loads begin. Runs ShardedRunEndToEndIT's three-injector
# test RUNS times (default 3), optionally with `yes` keeping one core busy, and prints per run: the test's
# outcome, then per injector its worst schedule lag (s), whether it was judged behind and when its measured
# window began (its load's first arrival plus the 2 s warm-up), then the injectors' common start.
# Usage: bench/shard-start.sh [RUNS] [busy]   (about a minute a run)
# Loopback only. Writes bench/results/shard-start.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-3}"
BUSY="${2:-idle}"
OUT=bench/results/shard-start.txt
mkdir -p bench/results
mvn -q -B -o test-compile || mvn -q -B test-compile
echo "# bench/shard-start.sh $RUNS $BUSY at $(git rev-parse --short HEAD), $(date -u +%FT%TZ)" >> "$OUT"
for run in $(seq 1 "$RUNS"); do
  busy_pid=""
  if [ "$BUSY" = busy ]; then yes > /dev/null & busy_pid=$!; fi
  set +e
  mvn -q -B -o failsafe:integration-test -Dit.test='ShardedRunEndToEndIT#threeInjectors*' > target/shard-start-$run.log 2>&1
  set -e
  [ -n "$busy_pid" ] && kill "$busy_pid"
  outcome=$(grep -h "Tests run" target/failsafe-reports/*ShardedRunEndToEndIT.txt | head -1 | cut -d, -f1-2)
  echo "run $run ($BUSY): $outcome" >> "$OUT"
  for index in 0 1 2; do
    python3 - "$index" >> "$OUT" <<'EOF'
import json, sys, glob
index = sys.argv[1]
summary = json.load(open(f"target/e2e/sharded-results/sharded-e2e/injectors/{index}/summary.json"))
injector = summary.get("injector", {})
print(f"  injector {index}: lag {injector.get('maxBehindSec')} s, behind {injector.get('behind')}, "
      f"measured from {summary['window']['measuredFrom']}")
EOF
  done
  grep -h "common start" target/e2e/sharded-?/output.log | head -1 | sed 's/^ */  /' >> "$OUT"
done
tail -n $((RUNS * 5 + 1)) "$OUT"
