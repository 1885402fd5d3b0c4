-- Status reads: GET /api/v1/quickjobs/{id} (status, documents, timeline) with its owner's
-- token, rotating over the QuickJobs prepared for the run.
-- Args: one "token|quickjobId" pair per QuickJob.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local targets = {}
local counter = 0

function init(args)
  for i = 1, #args do
    local pair = split(args[i], "|")
    targets[#targets + 1] = {token = pair[1], path = "/api/v1/quickjobs/" .. pair[2]}
  end
  counter = (thread_id or 1) * 7919
end

function request()
  counter = counter + 1
  local target = targets[counter % #targets + 1]
  return wrk.format("GET", target.path,
                    {["Authorization"] = "Bearer " .. target.token, ["Accept-Language"] = "en"})
end
