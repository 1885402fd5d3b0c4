-- The public simulation: POST /api/v1/simulations without a token (rate limited per IP).
-- Args: a performance date (YYYY-MM-DD). The amount varies per request, so no two
-- consecutive requests are byte-identical.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local day = "2030-01-07"
local counter = 0

function init(args)
  day = args[1] or day
end

function request()
  counter = counter + 1
  local amount = 50000 + (counter * 137) % 150000
  local body = string.format(
    '{"performanceDates":["%s"],"amountCents":%d,"vatRate":"21","contractType":"employee",' ..
    '"withholdingRate":"11.11","expenses":[{"amountCents":5000,"category":"travel"}]}',
    day, amount)
  return wrk.format("POST", "/api/v1/simulations",
                    {["Content-Type"] = "application/json", ["Accept-Language"] = "en"}, body)
end
