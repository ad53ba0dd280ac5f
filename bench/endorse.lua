-- wrk script of bench/endorse.py: every request POSTs the endorsement form
-- with an address never used before, over a spread of cities and languages.
--
-- Arguments (after "--"):
--   1. the run's tag: part of every address, and its domain, so that the
--      benchmark can count each run's rows in the database;
--   2. "sign" to POST /<lang>/endorse/<geonameid>/, or "insert" to POST the
--      write baseline, /__bench__/insert (bench/urls.py);
--   3. the geonameids of the cities, separated by commas.
--
-- Addresses look like <tag>-t<thread>-<n>-c<geonameid>@<tag>.bench.example:
-- unique across threads and runs, and saying which city they endorsed.
-- done() prints "BENCH <name> <value>" lines that the benchmark reads.

local threads = {}
local languages = { "en", "es", "ca", "fr", "nl" }

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  tag = args[1]
  target = args[2]
  cities = {}
  for geonameid in string.gmatch(args[3] or "", "%d+") do
    table.insert(cities, geonameid)
  end
  if #cities == 0 then
    error("no city given")
  end
  headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    -- Production sits behind a TLS proxy; without this the site redirects.
    ["X-Forwarded-Proto"] = "https",
  }
  sent = 0
  answered_302 = 0
  answered_2xx = 0
  answered_429 = 0
  answered_4xx = 0
  answered_5xx = 0
  answered_other = 0
end

function request()
  sent = sent + 1
  local city = cities[(sent + id) % #cities + 1]
  local address = string.format(
    "%s-t%d-%d-c%s@%s.bench.example", tag, id, sent, city, tag
  )
  local body = "email=" .. (address:gsub("@", "%%40"))
    .. "&name=Bench+Resident&website="
  if sent % 10 == 0 then
    body = body .. "&wants_news=on"
  end
  local path = "/__bench__/insert"
  if target == "sign" then
    path = "/" .. languages[sent % #languages + 1] .. "/endorse/" .. city .. "/"
  end
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  if status == 302 then
    answered_302 = answered_302 + 1
  elseif status >= 200 and status < 300 then
    answered_2xx = answered_2xx + 1
  elseif status == 429 then
    answered_429 = answered_429 + 1
  elseif status >= 400 and status < 500 then
    answered_4xx = answered_4xx + 1
  elseif status >= 500 then
    answered_5xx = answered_5xx + 1
  else
    answered_other = answered_other + 1
  end
end

function done(summary, latency, requests)
  local totals = {}
  local names = {
    "sent", "answered_302", "answered_2xx", "answered_429", "answered_4xx",
    "answered_5xx", "answered_other",
  }
  for _, name in ipairs(names) do
    totals[name] = 0
    for _, thread in ipairs(threads) do
      totals[name] = totals[name] + thread:get(name)
    end
    io.write(string.format("BENCH %s %d\n", name, totals[name]))
  end
  -- wrk's own report gives the requests completed. Its latencies have two
  -- decimals in their unit (10 ms over a second): these are exact.
  io.write(string.format("BENCH duration_us %d\n", summary.duration))
  io.write(string.format("BENCH p50_us %d\n", latency:percentile(50)))
  io.write(string.format("BENCH p99_us %d\n", latency:percentile(99)))
end
