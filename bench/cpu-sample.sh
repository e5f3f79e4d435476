#!/bin/bash
# usage: bench/cpu-sample.sh <seconds between samples> <samples>: each harness JVM (by main class), its CPU in % of one
# core over the last interval (utime+stime from /proc/<pid>/stat) and its RSS. Run it beside a run.
hz=$(getconf CLK_TCK)
declare -A last
for i in $(seq 1 $2); do
  for pid in $(pgrep java); do
    main=$(tr '\0' ' ' < /proc/$pid/cmdline 2>/dev/null | grep -o 'MediaWorkerMain\|ReferenceTargetMain\|io.gatling.app.Gatling\|plexus-classworlds' | head -1)
    [ -z "$main" ] && continue
    t=$(awk '{print $14+$15}' /proc/$pid/stat 2>/dev/null)
    rss=$(awk '/VmRSS/{print int($2/1024)}' /proc/$pid/status 2>/dev/null)
    if [ -n "${last[$pid]}" ]; then echo "$(date +%T) $main cpu=$(( (t - ${last[$pid]}) * 100 / hz / $1 ))% rss=${rss}MiB"; fi
    last[$pid]=$t
  done
  sleep $1
done
