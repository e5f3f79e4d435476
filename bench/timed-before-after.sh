#!/usr/bin/env bash
# Issue 7, part 1: the end-to-end before/after of BackendChains.timed (one LiveRequest instead of
# session attributes saved and removed). Builds the commit before the change (1e4d92e) in a git
# worktree under target/, with InjectorThroughputSimulation as it was at b9a67fe copied in (the
# simulation API has changed since; the "after" side is this checkout) and its
# protocol made to share connections (that commit has no "connections" field), then runs both at
# 2,500 healthz/s for 25 s, before and after interleaved PAIRS times, the injector pinned to core 0
# and the reference target to core 1 (taskset). The injector's CPU comes from Java Flight Recorder's
# jdk.CPULoad, once a second (the before commit's summary.json has no mean CPU), averaged over the
# steady seconds; per request = that share x cores / throughput. Writes
# bench/results/timed-before-after.json. Loopback only; about 8 minutes.
# Usage: bench/timed-before-after.sh [pairs, default 4]
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS="${1:-4}"
PORT=18085
SECRET="timed-bench-$(date +%s)"
BEFORE=1e4d92e
OUT_DIR=bench/results
RUNS=$OUT_DIR/timed-before-after-runs
command -v taskset >/dev/null || { echo "taskset is not installed (util-linux)" >&2; exit 2; }
mkdir -p "$OUT_DIR"
rm -rf "$RUNS"
mkdir -p "$RUNS"

WORKTREE=target/bench/timed-before
git worktree remove --force "$WORKTREE" 2>/dev/null || rm -rf "$WORKTREE"
git worktree add --detach "$WORKTREE" "$BEFORE" >/dev/null
git show b9a67fe:src/test/java/io/stella/harness/simulations/InjectorThroughputSimulation.java \
  >"$WORKTREE/src/test/java/io/stella/harness/simulations/InjectorThroughputSimulation.java"
sed -i 's/BackendChains.protocol(run)/BackendChains.protocol(target)/' \
  "$WORKTREE/src/test/java/io/stella/harness/simulations/InjectorThroughputSimulation.java"
sed -i 's/                .userAgentHeader("stella-load-harness");/                .userAgentHeader("stella-load-harness").shareConnections();/' \
  "$WORKTREE/src/test/java/io/stella/harness/simulations/BackendChains.java"
(cd "$WORKTREE" && mvn -q -B test-compile)
mvn -q -B compile test-compile

source bench/common.sh
start_reference $PORT "$OUT_DIR/timed-before-after-reference.log" STELLA_CLIENT_SECRET="$SECRET" REFERENCE_RATE_LIMIT_PER_SEC=0
taskset -a -pc 1 "$REFERENCE_PID" >/dev/null
for thread in /proc/"$REFERENCE_PID"/task/*; do taskset -pc 1 "${thread##*/}" >/dev/null 2>&1 || true; done
wrk -t1 -c10 -d10s "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 || true # warm the target's JIT

profile() { # version: the before commit has no "connections" field (its protocol is made to share)
  cat <<EOF
{
  "description": "timed() before/after (bench/timed-before-after.sh): healthz at 2,500/s, one request each.",
  "load": { "warmUpSec": 5, "warmUpRatePerSec": 2500, "rampUpSec": 0, "ratePerSec": 2500, "steadySec": 25 },
  "mix": { "healthzOnly": 1 },
  $([ "$1" = after ] && echo '"connections": "shared",')
  "probes": [],
  "requestTimeoutMillis": 5000,
  "limits": { "maxRatePerSec": 10000, "maxConcurrentRequests": 100000 },
  "thresholds": { "all": { "maxErrorPercent": 1 } }
}
EOF
}
profile before >"$RUNS/before.json"
profile after >"$RUNS/after.json"

HERE=$(pwd)
for pair in $(seq "$PAIRS"); do
  for version in before after; do
    dir=$([ "$version" = before ] && echo "$WORKTREE" || echo .)
    root=$HERE/$RUNS/$version-$pair
    # gatling.jvmArgs is a comma-separated list and JFR's option has commas: an argument file
    echo "-XX:StartFlightRecording=filename=$root.jfr" >"$root.jvm-args"
    (cd "$dir" && STELLA_BASE_URL="http://127.0.0.1:$PORT" STELLA_CLIENT_ID=stella-harness STELLA_CLIENT_SECRET="$SECRET" \
      taskset -c 0 mvn -q -B gatling:test -Dgatling.simulationClass=io.stella.harness.simulations.InjectorThroughputSimulation \
      -Dprofile="$HERE/$RUNS/$version.json" -Dharness.resultsRoot="$root" "-Dgatling.jvmArgs=@$root.jvm-args" \
      >"$root.log" 2>&1) || true
    echo "   $version $pair done" >&2
  done
done
git worktree remove --force "$WORKTREE"

python3 - "$RUNS" "$PAIRS" "$OUT_DIR/timed-before-after.json" <<'PY'
import glob, json, os, re, statistics, subprocess, sys
runs, pairs = sys.argv[1], int(sys.argv[2])

def steady_cpu_share(recording):
    # jdk.CPULoad once a second: this JVM's user + system share of the machine; the first 12 and last 6
    # samples are start-up, warm-up and the end of the run
    text = subprocess.run(["jfr", "print", "--events", "jdk.CPULoad", recording], capture_output=True, text=True).stdout
    shares = [float(u) + float(s) for u, s in re.findall(r"jvmUser = ([\d.]+)%.*?jvmSystem = ([\d.]+)%", text, re.S)]
    return statistics.mean(shares[12:-6]) / 100

result = {"load": "2,500 healthz/s, shared connections, 25 s measured", "pinning": "injector core 0, target core 1",
          "cpus": os.cpu_count()}
for version in ("before", "after"):
    rows = []
    for pair in range(1, pairs + 1):
        summary = json.load(open(glob.glob(f"{runs}/{version}-{pair}/*/summary.json")[0]))
        throughput = summary["requests"]["all"]["measured"]["throughputPerSec"]
        share = steady_cpu_share(f"{runs}/{version}-{pair}.jfr")
        rows.append({"throughputPerSec": throughput, "cpuShareOfMachine": round(share, 3),
                     "cpuMicrosPerRequest": round(share * os.cpu_count() * 1e6 / throughput)})
    result[version] = {"runs": rows, "medianCpuMicrosPerRequest": statistics.median(r["cpuMicrosPerRequest"] for r in rows)}
json.dump(result, open(sys.argv[3], "w"), indent=2)
print(json.dumps(result, indent=2))
PY
