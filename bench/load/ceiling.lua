-- The ceiling: GET /api/v1/health/live, a bare JSON answer (no database, no Redis, no auth).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

wrk.method = "GET"
wrk.path = "/api/v1/health/live"
wrk.headers["Accept"] = "application/json"
