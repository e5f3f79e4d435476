#!/usr/bin/env bash
# Issue 23: README's nightly command (the capacity profile, -Dbaseline=latest -Dhistory=...) night after night
# against the embedded reference target, every answer held 20 ms (REFERENCE_ADDED_LATENCY), so that a slowdown
# has milliseconds to show in:
#   A/A     RUNS unchanged nights (default 10): every regression is a false alarm (the first 5 are not gated
#           yet: fewer than 5 good runs before them; what a single baseline would have flagged is counted apart)
#   slowed  createSession 40% slower (REFERENCE_SLOWER_ROUTE="POST /api/sessions +40%") for two nights: both
#           must be NO-GO (exit 99): the second night's baseline is the last GO night, its band the good nights
#   accept  exec:java@accept --by bench --why ...: the two slowed nights become the new level
#   after   a third slowed night: GO (exit 0)
#   every   in a copy of the history and results after the A/A nights, one night with every answer 20% slower
#           ("* +20%"): the knee is set by the rate limit and stays; the reference step's percentiles regress
# Usage: bench/nightly.sh [RUNS]   (about 2 minutes a night, 14 nights: about 30 minutes)
# Loopback only. Writes bench/results/nightly.json; keeps every night under target/bench/nightly/.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-10}"
ROOT=target/bench/nightly
rm -rf "$ROOT"; mkdir -p "$ROOT/main" bench/results
mvn -q -B compile test-compile

# night KIND NAME [-Dname=value ...]: README's nightly command in KIND's results root and history; prints the exit code
night() {
  local kind=$1 name=$2
  shift 2
  set +e
  mvn -q -B gatling:test -Dprofile=capacity -Dbaseline=latest -Dhistory="$ROOT/$kind/history.jsonl" \
    -Dharness.resultsRoot="$ROOT/$kind/results" -DREFERENCE_ADDED_LATENCY=20ms "$@" > "$ROOT/$kind/night-$name.log" 2>&1
  local mvn_code=$?
  set -e
  # mvn exits 1 for any non-zero code of Gatling's JVM; the harness's own code is on its last line
  local code
  code=$(grep -o 'exit code [0-9]*' "$ROOT/$kind/night-$name.log" | tail -1 | grep -o '[0-9]*$' || echo "$mvn_code")
  echo "$code" > "$ROOT/$kind/night-$name.exit"
  echo "$kind night $name: exit $code, $(grep -c '^  REGRESSION' "$ROOT/$kind/night-$name.log" || true) regression(s)," \
    "$(grep -c '^  worse, not gated yet' "$ROOT/$kind/night-$name.log" || true) not gated yet"
}

for i in $(seq 1 "$RUNS"); do night main "aa-$i"; done
cp -r "$ROOT/main" "$ROOT/every"
rm -f "$ROOT"/every/night-*
night every "slower-20" "-DREFERENCE_SLOWER_ROUTE=* +20%"
for i in 1 2; do night main "slowed-$i" "-DREFERENCE_SLOWER_ROUTE=POST /api/sessions +40%"; done
mvn -q -B exec:java@accept -Dexec.args="$ROOT/main/history.jsonl --by bench --why 'createSession 40% slower on purpose'" \
  > "$ROOT/main/accept.log" 2>&1
cat "$ROOT/main/accept.log"
night main "accepted" "-DREFERENCE_SLOWER_ROUTE=POST /api/sessions +40%"

python3 - "$ROOT" "$RUNS" <<'PY'
import json, sys, pathlib
root, runs = pathlib.Path(sys.argv[1]), int(sys.argv[2])

def lines(kind, name, prefix):
    log = (root / kind / f"night-{name}.log").read_text()
    return [l.strip()[len(prefix.strip()) + 1:] for l in log.splitlines() if l.startswith(prefix)]

def night(kind, name):
    return {"night": name, "exit": int((root / kind / f"night-{name}.exit").read_text()),
            "regressions": lines(kind, name, "  REGRESSION"), "notGatedYet": lines(kind, name, "  worse, not gated yet"),
            "knee": next((l.split("knee ")[1].split(" ")[0] for l in (root / kind / f"night-{name}.log").read_text().splitlines()
                          if l.startswith("  finding: KNEE_FOUND")), None)}

aa = [night("main", f"aa-{i}") for i in range(1, runs + 1)]
slowed = [night("main", f"slowed-{i}") for i in (1, 2)]
accepted = night("main", "accepted")
every = night("every", "slower-20")
doc = {
    "aa": {"nights": runs, "nightsWithARegression": sum(1 for n in aa if n["regressions"]),
           "nightsNotGo": sum(1 for n in aa if n["exit"] != 0), "nightsWithOneNotGatedYet": sum(1 for n in aa if n["notGatedYet"]),
           "knees": [n["knee"] for n in aa], "perNight": aa},
    "slowed": {"slowdown": "POST /api/sessions +40% of (handling + 20 ms)", "exits": [n["exit"] for n in slowed], "perNight": slowed},
    "accept": (root / "main" / "accept.log").read_text().strip(),
    "afterAccept": accepted,
    "everyAnswer20PercentSlower": every,
}
pathlib.Path("bench/results/nightly.json").write_text(json.dumps(doc, indent=1))
print(json.dumps({"aaNightsWithARegression": doc["aa"]["nightsWithARegression"], "aaNightsNotGo": doc["aa"]["nightsNotGo"],
                  "aaKnees": doc["aa"]["knees"], "slowedExits": doc["slowed"]["exits"],
                  "slowedRegressions": [n["regressions"] for n in slowed], "afterAcceptExit": accepted["exit"],
                  "afterAcceptRegressions": accepted["regressions"], "everyExit": every["exit"],
                  "everyRegressions": every["regressions"], "everyKnee": every["knee"]}, indent=1))
PY
