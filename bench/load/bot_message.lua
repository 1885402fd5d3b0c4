-- A bot message: POST /api/v1/bot/messages, a status question in an existing conversation
-- of one of the signed-in workers.
-- Args: the question, then one "token|conversationId" pair per worker.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local question, targets = "", {}
local counter = 0

function init(args)
  question = args[1]
  for i = 2, #args do
    local pair = split(args[i], "|")
    targets[#targets + 1] = {token = pair[1], conversation = pair[2]}
  end
  counter = (thread_id or 1) * 7919
end

function request()
  counter = counter + 1
  local target = targets[counter % #targets + 1]
  local body = string.format('{"conversationId":"%s","text":"%s"}', target.conversation, question)
  return wrk.format("POST", "/api/v1/bot/messages", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. target.token,
    ["Accept-Language"] = "en",
  }, body)
end
