-- QuickJob creation: POST /api/v1/quickjobs, a unique Idempotency-Key per request, spread
-- over several signed-in workers (members, so the three-performances rule never refuses).
-- Args: run id, "YYYY-MM-DD|YYYY-MM-DD|..." (future working days), then one bearer token
-- per worker.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local run_id, days, tokens = "run", {}, {}
local counter = 0

function init(args)
  run_id = args[1]
  days = split(args[2], "|")
  for i = 3, #args do
    tokens[#tokens + 1] = args[i]
  end
  -- threads start at different workers
  counter = (thread_id or 1) * 7919
end

function request()
  counter = counter + 1
  local token = tokens[counter % #tokens + 1]
  local day = days[counter % #days + 1]
  local amount = 50000 + (counter * 211) % 200000
  local key = string.format("%s-t%d-%d", run_id, thread_id or 0, counter)
  local body = string.format(
    '{"client":{"name":"Brouwerij De Klok","email":"boekhouding@deklok.be",' ..
    '"vatNumber":"BE0403019261","country":"BE","address":"Markt 1, 9000 Gent",' ..
    '"language":"nl"},"function":"graphic designer",' ..
    '"description":"Poster and flyers for the spring fair","performanceDates":["%s"],' ..
    '"amountCents":%d,"vatRate":"21","contractType":"employee","withholdingRate":"11.11",' ..
    '"expenses":[{"amountCents":4500,"category":"travel"}],"paidInCash":false}',
    day, amount)
  return wrk.format("POST", "/api/v1/quickjobs", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = key,
    ["X-Request-ID"] = key,
  }, body)
end
