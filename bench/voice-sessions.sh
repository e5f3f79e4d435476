#!/usr/bin/env bash
# Issue 7, part 5: voice sessions per injector. The reference target (its own JVM, no rate limit,
# room for 50,000 participants) and one injector with a 2 GiB heap (-Xmx2g) running
# VoiceSessionSimulation with bench/voice-sessions.json: callers arrive at 200/s, each joins its
# LiveKit room over /rtc, waits for the agent, and holds the session 55 s with a signaling ping
# every 5 s; HTTP connections shared ("connections": "shared") so that a held session is one
# WebSocket. Every SAMPLE_SEC the injector gets a full GC and its heap used after it is read beside
# the TCP connections it has open to the target (the WebSockets, plus a small HTTP pool). The heap
# per session is the slope of heap over connections (least squares). Writes
# bench/results/voice-sessions-<rate>.json and .csv. Loopback only; about 4 minutes.
# Usage: bench/voice-sessions.sh [sample seconds, default 10] [callers per second, default 200]
set -euo pipefail
cd "$(dirname "$0")/.."
SAMPLE_SEC="${1:-10}"
RATE="${2:-200}"
PORT=18083
SECRET="voice-bench-$(date +%s)"
OUT_DIR=bench/results
RUNS=$OUT_DIR/voice-sessions-runs
mkdir -p "$OUT_DIR"
CSV=$OUT_DIR/voice-sessions.csv

mvn -q -B compile test-compile
source bench/common.sh
start_reference $PORT "$OUT_DIR/voice-sessions-reference.log" STELLA_CLIENT_SECRET="$SECRET" REFERENCE_RATE_LIMIT_PER_SEC=0 \
  REFERENCE_MAX_PARTICIPANTS=50000
rm -rf "$RUNS"
mkdir -p "$RUNS"
PROFILE="$RUNS/voice-sessions-$RATE.json"
sed "s/\"ratePerSec\": 200/\"ratePerSec\": $RATE/" bench/voice-sessions.json >"$PROFILE"

# The heap ceiling goes in an argument file: gatling.jvmArgs is a comma-separated list.
echo "-Xmx2g" >"$OUT_DIR/voice-sessions.jvm-args"
STELLA_BASE_URL="http://127.0.0.1:$PORT" STELLA_CLIENT_ID=stella-harness STELLA_CLIENT_SECRET="$SECRET" \
  mvn -q -B gatling:test -Dgatling.simulationClass=io.stella.harness.simulations.VoiceSessionSimulation \
  -Dprofile="$PROFILE" -Dharness.resultsRoot="$RUNS" "-Dgatling.jvmArgs=@$OUT_DIR/voice-sessions.jvm-args" \
  >"$OUT_DIR/voice-sessions-harness.log" 2>&1 &
RUN=$!
INJECTOR=$(injector_pid "$OUT_DIR/voice-sessions-harness.log")
echo "second,connectionsToTarget,heapUsedAfterFullGcMiB" >"$CSV"
START=$(date +%s)
while kill -0 "$INJECTOR" 2>/dev/null; do
  sleep "$SAMPLE_SEC"
  kill -0 "$INJECTOR" 2>/dev/null || break
  CONNECTIONS=$(ss -Htnp state established "( dport = :$PORT )" 2>/dev/null | grep -c "pid=$INJECTOR," || true)
  USED_MIB=$(heap_after_full_gc_mib "$INJECTOR")
  [ -n "$USED_MIB" ] || break
  echo "$(( $(date +%s) - START )),$CONNECTIONS,$USED_MIB" | tee -a "$CSV"
done
wait $RUN || true
SUMMARY=$(ls -d "$RUNS"/*/ | head -1)summary.json
cp "$OUT_DIR/voice-sessions.csv" "$OUT_DIR/voice-sessions-$RATE.csv"

python3 - "$SUMMARY" "$CSV" "$OUT_DIR/voice-sessions-$RATE.json" <<'PY'
import csv, json, sys
summary = json.load(open(sys.argv[1]))
rows = [(int(r["second"]), int(r["connectionsToTarget"]), int(r["heapUsedAfterFullGcMiB"])) for r in csv.DictReader(open(sys.argv[2]))]
xs = [r[1] for r in rows]
ys = [r[2] for r in rows]
n = len(rows)
mean_x, mean_y = sum(xs) / n, sum(ys) / n
sxx = sum((x - mean_x) ** 2 for x in xs)
slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sxx if sxx else float("nan")
peak = max(rows, key=lambda r: r[1])
m = summary["requests"]["all"]["measured"]
result = {
    "profile": summary["profile"]["source"], "callersPerSec": summary["profile"]["load"]["ratePerSec"], "heapMax": "2 GiB (-Xmx2g)", "status": summary["status"],
    "peakSessionsHeld": summary.get("peakSessionsHeld"),
    "peakConnectionsToTarget": peak[1], "heapAtPeakMiB": peak[2],
    "heapBeforeLoadMiB": rows[0][2], "heapPerSessionKiB": round(slope * 1024, 1),
    "requests": m["count"], "errors": m["errors"], "errorPercent": m["errorPercent"],
    "voiceMetrics": {k: v["measured"]["percentilesMillis"] for k, v in (summary.get("voiceMetrics") or {}).items()},
    "injectorMaxCpuPercent": summary["injector"]["maxCpuPercent"], "samples": rows,
    "results": sys.argv[1].rsplit("/", 1)[0],
}
json.dump(result, open(sys.argv[3], "w"), indent=2)
print(json.dumps({k: v for k, v in result.items() if k != "samples"}, indent=2))
PY
