-- wrk script for bench/measure-requests.ts: counts every answer by its status and prints the counts, summed
-- over wrk's threads, as one line ("Statuses: 200=51234 301=2"), which bench/parse-wrk-summary.ts reads.
-- wrk's own "Non-2xx or 3xx responses" line counts only statuses of 400 and above (a redirect passes as a
-- success), so without this a row could measure a 301 as fast as a feed. Each wrk thread has its own Lua
-- state; `done` reads each thread's counts back with thread:get.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  local codes = {}
  for status in pairs(totals) do
    table.insert(codes, status)
  end
  table.sort(codes)
  local parts = {}
  for _, status in ipairs(codes) do
    table.insert(parts, string.format("%d=%d", status, totals[status]))
  end
  io.write("Statuses: " .. table.concat(parts, " ") .. "\n")
end
