-- Filing through the gateway: a multipart POST of the form fields and one PDF of BENCH_SIZE
-- bytes, its content different on every request (the file store keeps one copy per SHA-256,
-- so a repeated file would cost nothing to store). The runner sets `path`, `code`, `size`
-- and `headers` (cookie, CSRF) above this text.
local boundary = "onewindow-bench-7d3f"
local filler = string.rep("0", size - 64)
local sent = 0
local threads = 0
thread_id = 0  -- a global: setup() sets it in each thread

setup = function(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

local function field(name, value)
  return "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"" .. name ..
    "\"\r\n\r\n" .. value .. "\r\n"
end

request = function()
  sent = sent + 1
  local stamp = string.format("%%PDF-1.7\n%% bench %d-%d-%d\n", thread_id, sent, os.time())
  local pdf = stamp .. string.sub(filler, 1, size - #stamp)
  local body = field("implementation_code", code) .. field("confirm_incomplete", "true") ..
    "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"materials\"; " ..
    "filename=\"bench.pdf\"\r\nContent-Type: application/pdf\r\n\r\n" .. pdf .. "\r\n--" ..
    boundary .. "--\r\n"
  local sending = {}
  for k, v in pairs(headers) do sending[k] = v end
  sending["Content-Type"] = "multipart/form-data; boundary=" .. boundary
  return wrk.format("POST", path, sending, body)
end

local told = false
response = function(status, headers, body)
  if status >= 300 and not told then  -- say once why the gateway refused
    told = true
    io.write("BENCH-REFUSED " .. status .. " " .. string.sub(body or "", 1, 500) .. "\n")
  end
end
