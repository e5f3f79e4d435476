#!/usr/bin/env bash
# Issue 19: the nightly gate's false alarms and detections, README's nightly command run back to back.
#   A/A  RUNS smoke runs on an unchanged reference target (every answer held 20 ms: REFERENCE_ADDED_LATENCY),
#        each compared with the one before (-Dbaseline=latest) and, from the sixth on, with the band of the
#        runs before it (-Dhistory): every regression reported is a false alarm (runs 1-5 are not gated yet:
#        what the single baseline would have flagged is counted apart).
#   A/B  one more run with createSession 20% slower (REFERENCE_SLOWER_ROUTE="POST /api/sessions +20%"):
#        it must report createSession's figures and no other request's; then two more runs still slower:
#        the band has taken the step in, and the third names the run it began with.
#   knee CAPACITY_RUNS capacity searches (capacity-short: 10..80 journeys/s, 4 s holds) against a target that
#        holds 4 calls in flight (and no rate limit), then one against a limit of 2: the last must report a lower knee.
# Usage: bench/nightly.sh [RUNS] [CAPACITY_RUNS]   (defaults 10 and 6; about 40 s a smoke run, 60 s a search;
# about 16 minutes in all).
# Loopback only. Writes bench/results/nightly.json; keeps every run under target/bench/nightly/.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-10}"
CAPACITY_RUNS="${2:-6}"
ROOT=target/bench/nightly
rm -rf "$ROOT"; mkdir -p "$ROOT" bench/results
mvn -q -B compile test-compile

# nightly KIND INDEX [-Dname=value ...]: README's nightly command in KIND's results root and history
nightly() {
  local kind=$1 index=$2
  shift 2
  set +e
  mvn -q -B gatling:test -Dbaseline=latest -Dhistory="$ROOT/$kind/history.jsonl" -Dharness.resultsRoot="$ROOT/$kind/results" \
    -DREFERENCE_ADDED_LATENCY=20ms "$@" > "$ROOT/$kind/run-$index.log" 2>&1
  local code=$?
  set -e
  echo "$kind run $index: exit $code, $(grep -c '^  REGRESSION' "$ROOT/$kind/run-$index.log" || true) regression(s)," \
    "$(grep -c '^  worse, not gated yet' "$ROOT/$kind/run-$index.log" || true) not gated yet"
}

mkdir -p "$ROOT/smoke" "$ROOT/capacity"
for i in $(seq 1 "$RUNS"); do nightly smoke "$i" -Dprofile=smoke; done
for run in b b2 b3; do nightly smoke "$run" -Dprofile=smoke "-DREFERENCE_SLOWER_ROUTE=POST /api/sessions +20%"; done
for i in $(seq 1 "$CAPACITY_RUNS"); do
  nightly capacity "$i" -Dprofile=src/test/resources/profiles/capacity-short.json -DREFERENCE_RATE_LIMIT_PER_SEC=0 \
    -DREFERENCE_MAX_CONCURRENT=4
done
nightly capacity b -Dprofile=src/test/resources/profiles/capacity-short.json -DREFERENCE_RATE_LIMIT_PER_SEC=0 \
  -DREFERENCE_MAX_CONCURRENT=2

python3 - "$ROOT" "$RUNS" "$CAPACITY_RUNS" <<'PY'
import json, sys, pathlib
root, runs, capacity_runs = pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])

def regressions(kind, index):
    log = (root / kind / f"run-{index}.log").read_text()
    return [l.strip()[len("REGRESSION "):] for l in log.splitlines() if l.startswith("  REGRESSION")]

def not_gated(kind, index):  # single-baseline regressions before the history holds 5 runs: reported, not counted
    log = (root / kind / f"run-{index}.log").read_text()
    return [l.strip()[len("worse, not gated yet "):] for l in log.splitlines() if l.startswith("  worse, not gated yet")]

def figure(line):  # "createSession P50 (ms) 21.0 -> 25.0 ..." -> "createSession P50 (ms)"
    return line.split(" -> ")[0].rsplit(" ", 1)[0]

def knees(kind):
    lines = (root / kind / "history.jsonl").read_text().splitlines()
    return [json.loads(l).get("kneeRatePerSec") for l in lines if l.strip()]

aa = [{"run": i, "regressions": regressions("smoke", i), "notGatedYet": not_gated("smoke", i)} for i in range(1, runs + 1)]
b = regressions("smoke", "b")
def trend_lines(kind, run_index):  # signoff.md's "Trend over the history" lines of the run_index-th run (1-based)
    folders = sorted((root / kind / "results").glob("*/signoff.md"))
    text = folders[run_index - 1].read_text()
    return [l[2:] for l in text.split("## Trend over the history")[-1].splitlines() if l.startswith("- ")] \
        if "## Trend over the history" in text else []

knee_aa = [{"run": i, "regressions": regressions("capacity", i), "notGatedYet": not_gated("capacity", i)}
           for i in range(1, capacity_runs + 1)]
knee_b = regressions("capacity", "b")
doc = {
    "aa": {"runs": runs, "runsWithARegression": sum(1 for r in aa if r["regressions"]),
           "runsWithOneNotGatedYet": sum(1 for r in aa if r["notGatedYet"]), "perRun": aa},
    "ab": {"slowdown": "POST /api/sessions +20% of 20 ms", "figuresReported": [figure(l) for l in b], "lines": b,
           "requestsReported": sorted({figure(l).split(" ")[0] for l in b}),
           "laterRuns": {name: {"regressions": regressions("smoke", name), "trend": trend_lines("smoke", runs + 1 + i)}
                         for i, name in enumerate(["b2", "b3"], start=1)}},
    "kneeAa": {"runs": capacity_runs, "runsWithARegression": sum(1 for r in knee_aa if r["regressions"]),
               "runsWithOneNotGatedYet": sum(1 for r in knee_aa if r["notGatedYet"]), "perRun": knee_aa},
    "kneeAb": {"slowdown": "REFERENCE_MAX_CONCURRENT 4 -> 2", "figuresReported": [figure(l) for l in knee_b], "lines": knee_b},
    "knees": knees("capacity"),
}
pathlib.Path("bench/results/nightly.json").write_text(json.dumps(doc, indent=1))
print(json.dumps({"aaRunsWithARegression": doc["aa"]["runsWithARegression"],
                  "aaRunsWithOneNotGatedYet": doc["aa"]["runsWithOneNotGatedYet"], "abFigures": doc["ab"]["figuresReported"],
                  "b3Trend": doc["ab"]["laterRuns"]["b3"]["trend"],
                  "kneeAaRunsWithARegression": doc["kneeAa"]["runsWithARegression"], "kneeAbFigures": doc["kneeAb"]["figuresReported"],
                  "knees": doc["knees"]}))
PY
