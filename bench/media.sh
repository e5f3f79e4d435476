#!/usr/bin/env bash
# Issue 16, part 4: how many two-way audio conversations ONE injector holds. For each level,
# VoiceConversationSimulation runs bench/media-<level>.json (a fixed arrival rate long enough to hold
# <level> conversations at once, about 28 s each: greeting, 3 turns, the agent answering 500 ms of
# endpointing + 800 ms after the caller stops) against the embedded reference target, which a media
# run starts in a JVM of its own (ReferenceTargetMain) beside the injector; every call runs in one
# media worker JVM (MediaWorkerMain, callsPerWorker 100). Level 1 is the baseline: one conversation at
# a time. Beside each run bench/media.py samples, for this run's own processes only, CPU (as
# bench/cpu-sample.sh does: utime+stime deltas, % of one core) and RSS per JVM and the machine's
# busy cores, and every MEM_SEC the heap and the JVM's own native memory of the worker and the
# target (jcmd GC.heap_info + VM.native_memory summary; NMT is switched on through
# JAVA_TOOL_OPTIONS, which every JVM of the run inherits: MediaWorkers takes no JVM options), with
# the RSS split by /proc/<pid>/smaps into the heap's mappings, file-backed ones (libjvm, libwebrtc's
# code) and other anonymous memory; that less NMT's non-heap committed total is memory the JVM does
# not track: libwebrtc's and the C allocator's, roughly. Once per level, at its plateau (0.8 x LEVEL
# calls up in the worker, or the worker 50 s old), a sample is the level's memory figure; with MEDIA_FULL_GC=1 both JVMs
# get one full GC (jcmd GC.run) first, so that their heap used is the live heap (off by default since 2026-12-06: the
# pause, 100-250 ms, made about 0.5% of a 150-conversation run's clock ticks late, and the level was judged with them).
# With --profile LEVEL, at that level's plateau (0.8 x LEVEL calls up, or the worker 50 s old): per-thread CPU of the worker
# and the target over 20 s, top -H, and perf record of both for 15 s (report after the run, with
# the JIT's symbols from jcmd Compiler.perfmap).
# Writes bench/results/media.json (one entry per level: conversations held, voice to voice P50/P95
# against the baseline's, CPU per JVM at the plateau, RSS, heap and native memory, audio clock late %,
# status, sign-off verdict and exit code; per conversation CPU and memory as slopes over the levels)
# and bench/results/media-<level>-{cpu.csv,memory.jsonl,harness.log}, with the profile in
# bench/results/media-<level>-{threads.json,top.txt,perf.txt}. Loopback only; about 2.5 min a level.
# MEDIA_JAVA_OPTIONS adds JVM options to every JVM of the run (e.g. "-Xlog:gc:file=/tmp/gc-%p.log" to see pauses).
# By default it stops after the first level whose audio clock ran late on more than 1% of its ticks or
# whose run did not PASS (MEDIA_KEEP_GOING=1 runs every level given).
# With MEDIA_ENGINE=packet (issue 25) the callers and the stand-in's agents run on the packet engine:
# profiles bench/packet-<level>.json (levels 1 50 100 150 200 300; 150-long holds 150 with calls three times as long,
# to tell the cost of setting calls up from that of holding them), voice figures on the wire (voiceToVoiceWire...),
# results in bench/results/packet-media.json and bench/results/packet-<level>-*.
# Usage: bench/media.sh [--profile LEVEL] [LEVEL ...]     (levels: 1 10 20 30 40 60, each has bench/media-<level>.json)
#        e.g. bench/media.sh --profile 40 1 10 20 40 60
#        MEDIA_ENGINE=packet bench/media.sh 1 50 100 150
set -euo pipefail
cd "$(dirname "$0")/.."
PROFILE_LEVEL=""
if [ "${1:-}" = "--profile" ]; then PROFILE_LEVEL="$2"; shift 2; fi
ENGINE="${MEDIA_ENGINE:-libwebrtc}"
case "$ENGINE" in
  libwebrtc) NAME=media; DEFAULT_LEVELS="1 10 20 30 40 60"; export MEDIA_METRIC_SUFFIX="" ;;
  packet) NAME=packet; DEFAULT_LEVELS="1 50 100 150"; export MEDIA_METRIC_SUFFIX="Wire" ;;
  *) echo "bench/media.sh: MEDIA_ENGINE must be libwebrtc or packet (was $ENGINE)" >&2; exit 2 ;;
esac
export MEDIA_PROFILE_NAME="$NAME"
LEVELS=("${@:-$DEFAULT_LEVELS}")
SAMPLE_SEC="${MEDIA_SAMPLE_SEC:-5}"
MEM_SEC="${MEDIA_MEM_SEC:-20}"
OUT_DIR=bench/results
RESULT="$OUT_DIR/$([ "$NAME" = media ] && echo media || echo "$NAME-media").json"
mkdir -p "$OUT_DIR"
for level in ${LEVELS[@]}; do
  [ -f "bench/$NAME-$level.json" ] || { echo "bench/media.sh: no bench/$NAME-$level.json" >&2; exit 2; }
done
command -v jcmd >/dev/null || { echo "bench/media.sh: jcmd (the JDK's) is needed" >&2; exit 2; }

mvn -q -B compile test-compile -Dgatling.simulationClass=io.stella.harness.simulations.VoiceConversationSimulation

RUN=""
cleanup() { [ -n "$RUN" ] && kill "$RUN" 2>/dev/null || true; }
trap cleanup EXIT

for level in ${LEVELS[@]}; do
  RUNS="$OUT_DIR/$NAME-runs/$level"
  PREFIX="$OUT_DIR/$NAME-$level"
  rm -rf "$RUNS" "$PREFIX"-{cpu.csv,memory.jsonl,harness.log,threads.json,top.txt,perf.data,perf.txt}  # not -*: 150-long's files are not 150's
  mkdir -p "$RUNS"
  profile=0; [ "$level" = "$PROFILE_LEVEL" ] && profile=1
  echo "== media: level $level ($(date +%T), load average $(cut -d' ' -f1-3 /proc/loadavg)) profile=$profile"
  JAVA_TOOL_OPTIONS="-XX:NativeMemoryTracking=summary ${MEDIA_JAVA_OPTIONS:-}" \
    mvn -q -B gatling:test -Dgatling.simulationClass=io.stella.harness.simulations.VoiceConversationSimulation \
    -Dprofile="bench/$NAME-$level.json" -DREFERENCE_AGENT_MEDIA_ENGINE="$ENGINE" -Dharness.resultsRoot="$RUNS" >"$PREFIX-harness.log" 2>&1 &
  RUN=$!
  python3 bench/media.py sample "$RUN" "$PREFIX" "$SAMPLE_SEC" "$MEM_SEC" "$profile" "$level" &
  SAMPLER=$!
  set +e; wait "$RUN"; code=$?; set -e
  RUN=""
  wait "$SAMPLER" || true
  RUN_DIR=$(ls -d "$RUNS"/*/ 2>/dev/null | head -1)
  if [ -z "$RUN_DIR" ] || [ ! -f "$RUN_DIR/summary.json" ]; then
    echo "bench/media.sh: level $level wrote no summary.json (exit $code); see $PREFIX-harness.log" >&2
    exit 1
  fi
  grep -E 'verdict|GO|INCONCLUSIVE|media:|voiceToVoice|audio clock|failed x' "$PREFIX-harness.log" | grep -v '^\s*$' | tail -15 || true
  python3 bench/media.py report "$level" "${RUN_DIR%/}" "$PREFIX" "$RESULT" "$code"
  if [ "$profile" = 1 ] && [ -f "$PREFIX-perf.data" ]; then
    # Threads and the functions they spend on, both JVMs (JIT frames named through /tmp/perf-<pid>.map).
    # (libwebrtc's library is stripped: its functions show as addresses, so the thread names carry the story)
    { echo "## by thread name, both JVMs"; perf report -i "$PREFIX-perf.data" --no-children --sort comm --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -30
      echo "## by thread name and library"; perf report -i "$PREFIX-perf.data" --no-children --sort comm,dso --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -40
      echo "## by library"; perf report -i "$PREFIX-perf.data" --no-children --sort dso --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -15
      echo "## by function"; perf report -i "$PREFIX-perf.data" --no-children --sort dso,sym --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -80
    } >"$PREFIX-perf.txt" || true  # head closing the pipe early is no failure (pipefail)
    echo "profile: $PREFIX-threads.json, $PREFIX-top.txt, $PREFIX-perf.txt"
  fi
  if [ "${MEDIA_KEEP_GOING:-0}" != 1 ]; then
    broke=$(python3 -c "import json,sys; l=[x for x in json.load(open('$RESULT'))['levels'] if x.get('name',str(x['level']))=='$level'][0]; print(int(l['status']!='PASS' or (l['audioClock'].get('latePercent') or 0)>1))")
    if [ "$broke" = 1 ]; then echo "== media: level $level broke; the levels above it are not run (MEDIA_KEEP_GOING=1 runs them)"; break; fi
  fi
done
echo "== media: $RESULT"
