-- Prints wrk's latency percentiles (microseconds), counts and errors as one JSON line at the end of a run.
-- With WRK_BODY set, every request is a POST of that JSON body with WRK_AUTHORIZATION as its
-- Authorization header (the session create call of bench/throughput.sh); otherwise a plain GET.
local body = os.getenv("WRK_BODY")
if body then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = os.getenv("WRK_AUTHORIZATION")
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %d, "durationMicros": %d, "errors": %d, "non2xx": %d, "p50Micros": %d, "p90Micros": %d, "p99Micros": %d, "p999Micros": %d, "maxMicros": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max))
end
