#!/usr/bin/env bash
# Issue 7, part 3: coordinated omission. The reference target (its own JVM) stalls 1 s in every 10
# (REFERENCE_STALL=1000ms/10s): everything arriving in the first second of each ten waits until that
# second ends. At a fixed arrival rate the true latencies, measured from each request's intended
# start, are the base latency plus that wait: 10% of requests wait a uniform 0..1000 ms, so the true
# P99 is the base + 900 ms and the true P99.9 the base + 990 ms. The harness (open model, 50/s for
# 60 s) is run, then wrk (closed loop, 10 connections, 60 s) on the same endpoint. Writes
# bench/results/coordinated-omission.json. Loopback only; about 3 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=18081
SECRET="co-bench-$(date +%s)"
mkdir -p bench/results
OUT=bench/results/coordinated-omission.json
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk (Debian's package)" >&2; exit 2; }

mvn -q -B compile test-compile
source bench/common.sh
start_reference $PORT bench/results/co-reference.log STELLA_CLIENT_SECRET="$SECRET" REFERENCE_RATE_LIMIT_PER_SEC=0 \
  REFERENCE_STALL=1000ms/10s

rm -rf bench/results/co-runs
STELLA_BASE_URL="http://127.0.0.1:$PORT" STELLA_CLIENT_ID=stella-harness STELLA_CLIENT_SECRET="$SECRET" \
  mvn -q -B gatling:test -Dprofile=bench/co.json -Dharness.resultsRoot=bench/results/co-runs >bench/results/co-harness.log 2>&1 || true
SUMMARY=$(ls -d bench/results/co-runs/*/ | head -1)summary.json

WRK=$(wrk -t2 -c10 -d60s -s bench/wrk-percentiles.lua "http://127.0.0.1:$PORT/healthz" | tail -1)

python3 - "$SUMMARY" "$WRK" "$OUT" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
wrk = json.loads(sys.argv[2])
ours = summary["requests"]["healthz"]["measured"]
base = ours["percentilesMillis"]["p50"]          # 90% of requests never meet a stall: the median is the base
truth = {"p99": base + 900, "p99.9": base + 990}
result = {
    "stall": "1000 ms in every 10 s", "arrivals": "50 healthz/s, open model, 60 s measured",
    "truthMillis": truth,
    "harnessMillis": {"p50": base, "p99": ours["percentilesMillis"]["p99"], "p99.9": ours["percentilesMillis"]["p99.9"],
                      "count": ours["count"]},
    "wrkMillis": {"p50": wrk["p50Micros"] / 1000, "p99": wrk["p99Micros"] / 1000, "p99.9": wrk["p999Micros"] / 1000,
                  "max": wrk["maxMicros"] / 1000, "count": wrk["requests"], "connections": 10},
}
for who in ("harnessMillis", "wrkMillis"):
    result[who]["p99ErrorMillis"] = round(result[who]["p99"] - truth["p99"], 1)
    result[who]["p99.9ErrorMillis"] = round(result[who]["p99.9"] - truth["p99.9"], 1)
json.dump(result, open(sys.argv[3], "w"), indent=2)
print(json.dumps(result, indent=2))
PY
