-- Mixed requests for the memory row: each thread walks the runner's list of {path, cookie}
-- in turn, from a different place. The runner sets `targets` above this text.
next_target = 0  -- a global: setup() sets it in each thread
local threads = 0

setup = function(thread)
  threads = threads + 1
  thread:set("next_target", threads * 7 % #targets)
end

request = function()
  next_target = next_target % #targets + 1
  local target = targets[next_target]
  local sending = {}
  if target[2] ~= "" then sending["Cookie"] = target[2] end
  return wrk.format("GET", target[1], sending)
end
