#!/usr/bin/env bash
# Issue 7, part 1: one injector's throughput beside wrk. The reference target runs in its own JVM
# (no rate limit). For GET /healthz and for the session create call, each with connections per user
# (the default) and shared (one keep-alive pool, as wrk's), 10 s of wrk first warm the target's JIT;
# then the harness (InjectorThroughputSimulation: one request per arriving user, open model) runs at
# rising fixed arrival rates, 5 s warm-up + STEADY_SEC measured each, x1.5 until a rate is not
# sustained, then two halvings between the last sustained and the first not; each rung waits for
# the target to settle. Sustained: every user started on schedule (summary.json injector.behind
# false), errors < 0.1%, measured throughput >= 97% of the rate, P99 under 1 s (a growing queue is not
# sustained). Then wrk runs 20 s on the same endpoint with as many connections as the harness had
# requests in flight on average at its best rate (at least 2, wrk's threads). Writes
# bench/results/throughput.json (every case under bench/results/throughput-runs, so a partial rerun
# replaces only its own cases). Loopback only; about 17 minutes.
# Usage: bench/throughput.sh [healthz:perUser|healthz:shared|createSession:perUser|createSession:shared]...
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=18082
SECRET="throughput-bench-$(date +%s)"
STEADY_SEC=${STEADY_SEC:-15}
OUT_DIR=bench/results
RUNS=$OUT_DIR/throughput-runs
mkdir -p "$OUT_DIR"
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk (Debian's package)" >&2; exit 2; }
cases=("${@:-healthz:perUser healthz:shared createSession:perUser createSession:shared}")

mvn -q -B compile test-compile
source bench/common.sh
# The target keeps its default cap of 256 API calls in flight (more get a quick 503), as a deployment
# behind a limit would: an overloaded rung is then refused quickly instead of queueing without bound.
start_reference $PORT "$OUT_DIR/throughput-reference.log" STELLA_CLIENT_SECRET="$SECRET" REFERENCE_RATE_LIMIT_PER_SEC=0
mkdir -p "$RUNS"

# Waits (at most 90 s) until the endpoint answers 2xx within 1 s three times in a row: after a rung
# that overloaded it, the target may take a while to drain (a session create piled up behind its
# cap once answered 7.5 s late), and the next rung or wrk must not measure that.
settle() { # url
  local ok=0 request=()
  [ -n "${WRK_BODY:-}" ] && request=(-X POST -H "Content-Type: application/json" -H "Authorization: $WRK_AUTHORIZATION" -d "$WRK_BODY")
  for _ in $(seq 90); do
    if curl -sf -o /dev/null -m 1 "${request[@]}" "$1"; then
      ok=$((ok + 1))
      [ "$ok" -ge 3 ] && return 0
    else
      ok=0
      sleep 1
    fi
  done
  echo "   (the target did not settle within 90 s; measuring anyway)" >&2
}

# One fixed-rate run; prints "<ok 0|1> <summary.json>"
harness_at() { # scenario, connections, rate
  local name="$1-$2-$3" profile="$RUNS/$1-$2-$3.json"
  settle "$url"
  cat >"$profile" <<EOF
{
  "description": "Injector throughput benchmark (bench/throughput.sh): $1 at $3 users/s, one request each, connections $2.",
  "load": { "warmUpSec": 5, "warmUpRatePerSec": $3, "rampUpSec": 0, "ratePerSec": $3, "steadySec": $STEADY_SEC },
  "mix": { "$1": 1 },
  "connections": "$2",
  "probes": [],
  "requestTimeoutMillis": 5000,
  "limits": { "maxRatePerSec": 200000, "maxConcurrentRequests": 100000 },
  "thresholds": { "all": { "maxErrorPercent": 0.1 } }
}
EOF
  STELLA_BASE_URL="http://127.0.0.1:$PORT" STELLA_CLIENT_ID=stella-harness STELLA_CLIENT_SECRET="$SECRET" \
    mvn -q -B gatling:test -Dgatling.simulationClass=io.stella.harness.simulations.InjectorThroughputSimulation \
    -Dprofile="$profile" -Dharness.resultsRoot="$RUNS/$name" ${HARNESS_JVM_ARGS:+-Dgatling.jvmArgs="$HARNESS_JVM_ARGS"} \
    >"$RUNS/$name.log" 2>&1 || true
  local summary
  summary=$(ls -d "$RUNS/$name"/*/ 2>/dev/null | head -1)summary.json
  python3 - "$summary" "$3" <<'PY'
import json, sys
try:
    s = json.load(open(sys.argv[1]))
except OSError:
    print(0, sys.argv[1]); sys.exit()
m = s["requests"]["all"]["measured"]
ok = (s["status"] != "ABORTED" and not s["injector"]["behind"] and m["errorPercent"] < 0.1
      and m["throughputPerSec"] >= 0.97 * float(sys.argv[2]) and m["percentilesMillis"]["p99"] < 1000)
print(1 if ok else 0, sys.argv[1])
PY
}

search() { # scenario, connections, first rate; prints the best sustained rate's summary path (or nothing)
  local rate=$3 best="" pass=0 fail=0 verdict summary
  while true; do
    read -r verdict summary < <(harness_at "$1" "$2" "$rate")
    echo "   $1, connections $2, at $rate/s: $([ "$verdict" = 1 ] && echo sustained || echo NOT sustained)" >&2
    echo "$rate $verdict" >>"$RUNS/ladder-$item.txt"
    if [ "$verdict" = 1 ]; then pass=$rate; best=$summary; rate=$(((rate * 3 / 2 + 99) / 100 * 100)); else fail=$rate; break; fi
    [ "$rate" -gt 100000 ] && break
  done
  for _ in 1 2; do
    [ "$fail" -gt 0 ] || break
    rate=$(((pass + fail) / 2 / 50 * 50))
    { [ "$rate" -le "$pass" ] || [ "$rate" -ge "$fail" ]; } && break
    read -r verdict summary < <(harness_at "$1" "$2" "$rate")
    echo "   $1, connections $2, at $rate/s: $([ "$verdict" = 1 ] && echo sustained || echo NOT sustained)" >&2
    echo "$rate $verdict" >>"$RUNS/ladder-$item.txt"
    if [ "$verdict" = 1 ]; then pass=$rate; best=$summary; else fail=$rate; fi
  done
  echo "$best"
}

for item in ${cases[@]}; do
  endpoint=${item%%:*}
  connections_mode=${item#*:}
  case "$connections_mode" in perUser|shared) ;; *) echo "bench/throughput.sh: $item: connections must be perUser or shared" >&2; exit 2 ;; esac
  case "$endpoint" in
    healthz) scenario=healthzOnly; first=$([ "$connections_mode" = shared ] && echo 2000 || echo 1000); url="http://127.0.0.1:$PORT/healthz"; unset WRK_BODY WRK_AUTHORIZATION ;;
    createSession) scenario=createSessionOnly; first=100; url="http://127.0.0.1:$PORT/api/sessions"
      token=$(curl -sf -X POST -H 'Content-Type: application/json' \
        -d "{\"clientId\":\"stella-harness\",\"clientSecret\":\"$SECRET\"}" "http://127.0.0.1:$PORT/api/auth/token" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["accessToken"])')
      export WRK_BODY='{"agent":"stella-agent","metadata":{"source":"wrk"}}' WRK_AUTHORIZATION="Bearer $token" ;;
    *) echo "bench/throughput.sh: unknown endpoint $endpoint (healthz, createSession)" >&2; exit 2 ;;
  esac
  rm -rf "$RUNS/$scenario-$connections_mode"* "$RUNS/ladder-$item.txt" "$RUNS/best-$item.txt" "$RUNS/wrk-$item".*
  # A fresh target JVM is cold: the first rung would be judged on the target's JIT, not on the load.
  wrk -t2 -c10 -d10s -s bench/wrk-percentiles.lua "$url" >/dev/null 2>&1 || true
  echo "== $item: the harness at rising arrival rates" >&2
  best=$(search "$scenario" "$connections_mode" "$first")
  [ -n "$best" ] || { echo "bench/throughput.sh: $item was not sustained even at $first/s" >&2; exit 1; }
  # wrk keeps each connection busy: as many as the harness had requests in flight on average at its
  # best rate (Little's law: throughput x mean latency), at least 2 (wrk's threads), at most 1,000
  connections=$(python3 -c "import json; m = json.load(open('$best'))['requests']['all']['measured']
print(min(1000, max(2, round(m['throughputPerSec'] * m['meanMillis'] / 1000))))")
  echo "$best" >"$RUNS/best-$item.txt"
  settle "$url"
  echo "== $item: wrk, 2 threads, $connections connections, 20 s" >&2
  wrk -t2 -c"$connections" -d20s -s bench/wrk-percentiles.lua "$url" >"$RUNS/wrk-$item.log" 2>&1 || true
  tail -1 "$RUNS/wrk-$item.log" >"$RUNS/wrk-$item.json"
  python3 -c "import json; assert json.load(open('$RUNS/wrk-$item.json'))['requests'] > 0" 2>/dev/null \
    || { echo "bench/throughput.sh: wrk gave no result for $item; see $RUNS/wrk-$item.log" >&2; exit 1; }
  echo "$connections" >"$RUNS/wrk-$item.connections"
done

# Every case with results under $RUNS: cases run before (bench/throughput.sh with fewer cases) are
# kept, the ones run now replaced theirs.
python3 - "$OUT_DIR/throughput.json" "$RUNS" <<'PY'
import glob, json, os, sys
runs = sys.argv[2]
out = {"machineCpus": os.cpu_count(), "criteria": "users started on schedule, errors < 0.1%, "
       "measured throughput >= 97% of the arrival rate, P99 under 1 s", "cases": {}}
for best_path in sorted(glob.glob(runs + "/best-*.txt")):
    case = os.path.basename(best_path)[len("best-"):-len(".txt")]
    summary_path = open(best_path).read().strip()
    wrk_path = f"{runs}/wrk-{case}.json"
    ladder_path = f"{runs}/ladder-{case}.txt"
    s = json.load(open(summary_path))
    wrk = json.load(open(wrk_path))
    m = s["requests"]["all"]["measured"]
    wrk_rate = wrk["requests"] / (wrk["durationMicros"] / 1e6)
    out["cases"][case] = {
        "connections": s["profile"]["connections"],
        "harness": {"sustainedRatePerSec": s["profile"]["load"]["ratePerSec"], "measuredPerSec": m["throughputPerSec"],
                    "errorPercent": m["errorPercent"], "p50Millis": m["percentilesMillis"]["p50"],
                    "p99Millis": m["percentilesMillis"]["p99"], "meanMillis": m["meanMillis"],
                    "meanInFlight": round(m["throughputPerSec"] * m["meanMillis"] / 1000, 1),
                    "peakInFlight": s["safety"]["peakConcurrentRequests"], "meanCpuPercent": s["injector"]["meanCpuPercent"],
                    "cpuMicrosPerRequest": round(s["injector"]["meanCpuPercent"] / 100 * os.cpu_count() * 1e6 / m["throughputPerSec"]), "results": summary_path.rsplit("/", 1)[0]},
        "wrk": {"ratePerSec": round(wrk_rate, 1), "connections": int(open(wrk_path.replace(".json", ".connections")).read()),
                "errors": wrk["errors"], "non2xx": wrk["non2xx"], "p50Millis": wrk["p50Micros"] / 1000,
                "p99Millis": wrk["p99Micros"] / 1000},
        "ladder": [{"ratePerSec": int(rate), "sustained": ok == "1"} for rate, ok in (line.split() for line in open(ladder_path))],
        "ratio": round(s["profile"]["load"]["ratePerSec"] / wrk_rate, 3),
    }
json.dump(out, open(sys.argv[1], "w"), indent=2)
print(json.dumps(out, indent=2))
PY
