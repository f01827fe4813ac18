-- wrk script: GET /api/search over a fixed list of Arabic queries, round robin per thread, and
-- a JSON summary line (latency percentiles in microseconds, requests, errors) at the end.
local queries = {
  "السعودية", "الرياض", "وزير الخارجية", "الأمير", "مجلس الوزراء", "النفط", "الرئيس",
  "كرة القدم", "المياه", "العراق", "سوريا", "الأمم المتحدة", "التعليم", "الصحة",
  "الانتخابات", "\"وزير الخارجية\"", "الاقتصاد", "تونس", "المغرب", "مصر", "الحكومة",
  "الشرطة", "المنتخب", "الجامعة", "توكاييف", "الخامنئي", "إيران", "الأردن", "البرلمان",
  "الطاقة الشمسية",
}
local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local paths = {}
for i, q in ipairs(queries) do paths[i] = "/api/search?limit=10&q=" .. urlencode(q) end

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7)
end

local n = 0
request = function()
  n = n + 1
  local path = paths[((n + (offset or 0)) % #paths) + 1]
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,' ..
    '"max_us":%d,"mean_us":%.1f,"connect_errors":%d,"read_errors":%d,"write_errors":%d,' ..
    '"status_errors":%d,"timeouts":%d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max, latency.mean, e.connect,
    e.read, e.write, e.status, e.timeout))
end
