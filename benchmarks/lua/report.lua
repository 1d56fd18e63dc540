-- Appended to every script `make bench` gives wrk: the percentiles wrk's own summary lacks
-- (p95), in microseconds, on one line the runner parses.
done = function(summary, latency, requests)
  io.write(string.format("BENCH-PERCENTILES-US p50=%d p95=%d p99=%d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
