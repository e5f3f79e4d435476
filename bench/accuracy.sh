#!/usr/bin/env bash
# Issue 7, part 2: accuracy against known truth. Three runs of bench/accuracy.json (healthz at 50/s for
# 40 s, no warm-up) against the embedded reference target: no latency added (the base), 98% +10 ms /
# 2% +200 ms, and a lognormal with median 20 ms and sigma 0.5. Then AccuracyBenchmark builds the true
# distributions (the base's own latencies plus the known added ones) and sets our percentiles and
# Gatling's report's against them. Writes bench/results/accuracy.json. Loopback only; about 3 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
rm -rf bench/results/accuracy-runs
run() { # name, added latency or empty
  local extra=()
  [ -n "$2" ] && extra=("-DREFERENCE_ADDED_LATENCY=$2")
  mvn -q -B gatling:test -Dprofile=bench/accuracy.json -Dharness.resultsRoot="bench/results/accuracy-runs/$1" \
    "${extra[@]}" >"bench/results/accuracy-$1.log" 2>&1 || true
  ls -d "bench/results/accuracy-runs/$1"/*/ | head -1
}
BASE=$(run base "")
MIX=$(run mix "98%:10ms,2%:200ms")
LOGNORMAL=$(run lognormal "lognormal(20ms,0.5)")
mvn -q -B -DskipTests test-compile dependency:copy-dependencies -DincludeScope=test -DoutputDirectory=target/lib
java -cp "target/classes:target/test-classes:target/lib/*" io.stella.harness.bench.AccuracyBenchmark \
  "$BASE" "$MIX" "$LOGNORMAL" bench/results/accuracy.json
