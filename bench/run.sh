#!/usr/bin/env bash
# The benchmark suite (issue 7). Each part is bounded in time, on loopback, and writes a
# machine-readable result under bench/results/ beside the table in BENCHMARKS.md.
#   bench/run.sh            every part that is built
#   bench/run.sh merge      one part: throughput | accuracy | co | tokens | voice | merge | soak-heap | media | nightly | live-metrics
# throughput (part 1: one injector's highest sustained rate beside wrk, and the JMH figure of the
# per-request session work the profile pointed at), accuracy (part 2: our percentiles and Gatling's
# report's against known truth), co (part 3: coordinated omission against a stalling target, beside
# wrk), tokens (part 4: LiveKit tokens minted per second, JMH, 1 and 2 threads), voice (part 5: /rtc
# sessions one injector holds in a 2 GiB heap), merge (part 6: merge and judge an hour of interval
# histograms from 10 injectors), soak-heap (issue 5's heap over a 15-minute soak) and media (issue 16
# part 4: two-way audio conversations one injector holds beside the reference target, CPU and memory
# per conversation, a profile of the media worker and the target near saturation) and nightly (issue
# 23: README's nightly capacity command ten nights on an unchanged target, two with createSession 40% slower, an accept and
# one more slowed night; every answer 20% slower in a copy. Issue 19's version (BENCHMARKS part 9) ran: one request 20%
# slower; six capacity searches, then one against a lower concurrency limit: false alarms and detections)
# and live-metrics (issue 18: injector CPU per request with the live metrics off and on).
# wrk comes from Debian (apt-get install wrk), perf (media's profile) from Debian's linux-perf;
# everything else from Maven Central. About 95 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
parts=("${@:-throughput accuracy co tokens voice merge soak-heap media nightly live-metrics}")
for part in ${parts[@]}; do
  case "$part" in
    throughput)
      echo "== throughput: one injector's highest sustained arrival rate beside wrk (healthz, session create; per-user and shared connections)"
      bench/throughput.sh
      echo "== throughput: the session work timed() adds per request, before and after (JMH)"
      mvn -q -B -DskipTests test-compile dependency:copy-dependencies -DincludeScope=test -DoutputDirectory=target/lib
      java -cp "target/classes:target/test-classes:target/lib/*" org.openjdk.jmh.Main LiveTimingBenchmark \
        -rf json -rff bench/results/live-timing.json
      echo "== throughput: the same change end to end, before and after interleaved (injector and target pinned)"
      bench/timed-before-after.sh
      ;;
    voice)
      echo "== voice: /rtc sessions held at once by one injector with a 2 GiB heap, heap per session"
      for rate in 100 200 250; do bench/voice-sessions.sh 10 "$rate"; done
      ;;
    merge)
      echo "== merge: an hour of 1-s interval histograms from 1, 5 and 10 injectors, merged and judged (5 runs each)"
      # its own JVM with a small heap: a merge that kept intervals would not fit, and the peak is the merge's alone
      mvn -q -B -DskipTests test-compile dependency:copy-dependencies -DincludeScope=test -DoutputDirectory=target/lib
      java -Xmx256m -cp "target/classes:target/test-classes:target/lib/*" io.stella.harness.bench.MergeAtScaleBenchmark \
        target/bench/merge-at-scale bench/results/merge-at-scale.json
      ;;
    tokens)
      echo "== tokens: LiveKit tokens minted per second, SDK alone and through the harness (JMH, 1 and 2 threads)"
      mvn -q -B -DskipTests test-compile dependency:copy-dependencies -DincludeScope=test -DoutputDirectory=target/lib
      for threads in 1 2; do
        java -cp "target/classes:target/test-classes:target/lib/*" org.openjdk.jmh.Main TokenMintingBenchmark \
          -t "$threads" -rf json -rff "bench/results/tokens-$threads-threads.json"
      done
      ;;
    co)
      echo "== co: P99 and P99.9 against a target that stalls 1 s in every 10, the harness beside wrk"
      bench/coordinated-omission.sh
      ;;
    accuracy)
      echo "== accuracy: percentiles against known added latencies, ours and Gatling's report's"
      bench/accuracy.sh
      ;;
    soak-heap)
      echo "== soak-heap: the injector's heap after full GCs through a 15-minute soak"
      bench/soak-heap.sh 60
      ;;
    nightly)
      echo "== nightly: README's nightly capacity command: ten unchanged nights, two 40% slower, an accept, one more; every answer 20% slower"
      bench/nightly.sh 10
      ;;
    live-metrics)
      echo "== live-metrics: injector CPU per request with -Dmetrics.port off and on (scraped every second), three pairs at 150 session creates/s"
      bench/live-metrics.sh 3 150
      echo "== live-metrics: the series' cost per request ended and per scrape (JMH)"
      mvn -q -B -DskipTests test-compile dependency:copy-dependencies -DincludeScope=test -DoutputDirectory=target/lib
      java -cp "target/classes:target/test-classes:target/lib/*" org.openjdk.jmh.Main LiveSeriesBenchmark \
        -rf json -rff bench/results/live-series.json
      ;;
    media)
      echo "== media: two-way audio conversations one injector holds (1, 10, 20, 30, 40 at once), CPU and memory per JVM, profile at 30"
      bench/media.sh --profile 30 1 10 20 30 40
      ;;
    *)
      echo "bench/run.sh: unknown part $part (parts: throughput, accuracy, co, tokens, voice, merge, soak-heap, media, nightly)" >&2
      exit 2
      ;;
  esac
done
