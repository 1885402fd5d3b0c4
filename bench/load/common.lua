-- Shared by every bench/load script (loaded with dofile from the script's own folder).
--
-- setup(): numbers the wrk threads, so each can make request ids and Idempotency-Keys that
--          no other thread makes.
-- done():  prints one line `WRK_JSON {...}` that bench/load/run.py parses: requests, duration,
--          latency percentiles (microseconds, wrk's histogram), and errors. wrk counts every
--          response with a status >= 400 under errors.status; connect/read/write/timeout are
--          socket errors.

local next_thread_id = 0

function setup(thread)
  next_thread_id = next_thread_id + 1
  thread:set("thread_id", next_thread_id)
end

-- "a|b|c" -> {"a", "b", "c"}
function split(text, sep)
  local parts = {}
  for part in string.gmatch(text, "([^" .. sep .. "]+)") do
    parts[#parts + 1] = part
  end
  return parts
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"min":%d,"mean":%.1f,"stdev":%.1f,"max":%d,' ..
    '"p50":%d,"p90":%d,"p95":%d,"p99":%d,"p999":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency:percentile(99.9)))
end
