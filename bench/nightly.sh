#!/usr/bin/env bash
# Issue 19, A/A: README's nightly command run back to back on an unchanged reference target and an
# unchanged harness; every run compares with the one before (-Dbaseline=latest) and, from the sixth
# on, with the band of the runs before it (-Dhistory). Counts the runs that reported a regression.
# Usage: bench/nightly.sh [RUNS]   (default 10; about 40 s a run). Loopback only.
# Writes bench/results/nightly-aa.json and keeps every run under target/bench/nightly/.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-10}"
ROOT=target/bench/nightly
rm -rf "$ROOT"; mkdir -p "$ROOT" bench/results
mvn -q -B compile test-compile
for i in $(seq 1 "$RUNS"); do
  set +e
  mvn -q -B gatling:test -Dprofile=smoke -Dbaseline=latest -Dhistory="$ROOT/nightly-history.jsonl" \
    -Dharness.resultsRoot="$ROOT/results" > "$ROOT/run-$i.log" 2>&1
  code=$?
  set -e
  echo "run $i: exit $code, $(grep -c '^  REGRESSION' "$ROOT/run-$i.log" || true) regression(s)"
done
python3 - "$ROOT" "$RUNS" <<'PY'
import json, sys, pathlib
root, runs = pathlib.Path(sys.argv[1]), int(sys.argv[2])
entries = [json.loads(l) for l in (root / "nightly-history.jsonl").read_text().splitlines() if l.strip()]
per_run = []
for i in range(1, runs + 1):
    log = (root / f"run-{i}.log").read_text()
    per_run.append({"run": i, "regressions": [l.strip() for l in log.splitlines() if l.startswith("  REGRESSION")]})
summaries = sorted((root / "results").glob("smoke-*/summary.json"))
judged_by_band = sum(1 for s in summaries if (json.loads(s.read_text()).get("baseline") or {}).get("historyRuns", 0) >= 5)
doc = {"runs": runs, "runsWithARegression": sum(1 for r in per_run if r["regressions"]),
       "runsJudgedAgainstABandOf5OrMore": judged_by_band, "perRun": per_run,
       "signOffs": [e["signOff"] for e in entries]}
pathlib.Path("bench/results/nightly-aa.json").write_text(json.dumps(doc, indent=1))
print(json.dumps({k: v for k, v in doc.items() if k != "perRun"}))
PY
