-- Prints wrk's latency percentiles (microseconds) and counts as one JSON line at the end of a run.
done = function(summary, latency, requests)
  io.write(string.format('{"requests": %d, "p50Micros": %d, "p90Micros": %d, "p99Micros": %d, "p999Micros": %d, "maxMicros": %d}\n',
    summary.requests, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max))
end
