#!/usr/bin/env bash
# Issue 18: what the live metrics cost the injector. The reference target runs in its own JVM; the
# harness (InjectorThroughputSimulation, one session create per arriving user) runs at RATE users/s,
# 5 s warm-up + STEADY_SEC measured, PAIRS times with -Dmetrics.port off and on, alternating (off
# first, then on, then off...), so a drift of the shared machine falls on both alike. With metrics on,
# a scraper reads /metrics every second (curl, like a Prometheus at a 1 s interval: more often than
# the usual 15 s). Injector CPU per request = the injector's mean CPU over its measured seconds
# (summary.json injector.meanCpuPercent, share of all cores) x cores x measured seconds / answers.
# Writes bench/results/live-metrics.json: each run, the medians, and on/off. Loopback only; about
# 6 minutes with the defaults.
# Usage: bench/live-metrics.sh [PAIRS] [RATE]   (defaults 3 and 150: at 300 session creates/s the reference
# target on this 2-core machine answered 3% of them 503, which changes the work per request)
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS="${1:-3}"
RATE="${2:-150}"
STEADY_SEC=${STEADY_SEC:-20}
PORT=18083
METRICS_PORT=19464
SECRET="live-metrics-bench-$(date +%s)"
RUNS=target/bench/live-metrics
rm -rf "$RUNS"; mkdir -p "$RUNS" bench/results
mvn -q -B compile test-compile
source bench/common.sh
start_reference $PORT "$RUNS/reference.log" STELLA_CLIENT_SECRET="$SECRET" REFERENCE_RATE_LIMIT_PER_SEC=0
cat >"$RUNS/profile.json" <<JSON
{
  "description": "Live metrics overhead benchmark (bench/live-metrics.sh): session creates at $RATE users/s.",
  "load": { "warmUpSec": 5, "warmUpRatePerSec": $RATE, "rampUpSec": 0, "ratePerSec": $RATE, "steadySec": $STEADY_SEC },
  "mix": { "createSessionOnly": 1 },
  "probes": [],
  "requestTimeoutMillis": 5000,
  "limits": { "maxRatePerSec": 200000, "maxConcurrentRequests": 100000 },
  "thresholds": { "all": { "maxErrorPercent": 0.1 } }
}
JSON

one_run() { # name, metrics on|off
  local name=$1 scraper=""
  local flags=()
  if [ "$2" = on ]; then
    flags=(-Dmetrics.port=$METRICS_PORT -Dmetrics.lingerSec=0)
    ( while true; do curl -s -m 1 -o /dev/null "http://127.0.0.1:$METRICS_PORT/metrics" || true; sleep 1; done ) &
    scraper=$!
  fi
  STELLA_BASE_URL="http://127.0.0.1:$PORT" STELLA_CLIENT_ID=stella-harness STELLA_CLIENT_SECRET="$SECRET" \
    mvn -q -B gatling:test -Dgatling.simulationClass=io.stella.harness.simulations.InjectorThroughputSimulation \
    -Dprofile="$RUNS/profile.json" -Dharness.resultsRoot="$RUNS/$name" "${flags[@]}" >"$RUNS/$name.log" 2>&1 || true
  [ -n "$scraper" ] && { kill "$scraper" 2>/dev/null || true; wait "$scraper" 2>/dev/null || true; }
  echo "$name: $(grep -o 'STELLA harness: [A-Z-]*, exit code [0-9]*' "$RUNS/$name.log" | tail -1)"
}

for pair in $(seq 1 "$PAIRS"); do
  one_run "off-$pair" off
  one_run "on-$pair" on
done

python3 - "$RUNS" "$PAIRS" "$RATE" "$(nproc)" <<'PY'
import json, sys, pathlib, statistics
runs, pairs, rate, cores = pathlib.Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
def figures(name):
    summary = json.load(open(next((runs / name).glob("*/summary.json"))))
    measured = summary["requests"]["all"]["measured"]
    seconds = summary["window"]["measuredSec"]
    cpu_ms = summary["injector"]["meanCpuPercent"] / 100 * cores * 1000 * seconds / measured["count"]
    return {"run": name, "answers": measured["count"], "errorPercent": measured["errorPercent"],
            "behind": summary["injector"]["behind"], "meanCpuPercent": summary["injector"]["meanCpuPercent"],
            "cpuMillisPerRequest": round(cpu_ms, 4), "p99Millis": measured["percentilesMillis"]["p99"]}
off = [figures(f"off-{i}") for i in range(1, pairs + 1)]
on = [figures(f"on-{i}") for i in range(1, pairs + 1)]
median_off = statistics.median(r["cpuMillisPerRequest"] for r in off)
median_on = statistics.median(r["cpuMillisPerRequest"] for r in on)
doc = {"ratePerSec": rate, "cores": cores, "pairs": pairs, "off": off, "on": on,
       "medianCpuMillisPerRequestOff": median_off, "medianCpuMillisPerRequestOn": median_on,
       "onOverOff": round(median_on / median_off, 4)}
pathlib.Path("bench/results/live-metrics.json").write_text(json.dumps(doc, indent=1))
print(json.dumps({k: doc[k] for k in ["ratePerSec", "medianCpuMillisPerRequestOff", "medianCpuMillisPerRequestOn", "onOverOff"]}))
PY
