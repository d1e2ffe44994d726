-- wrk script for bench/speed.py.
-- With an argument (wrk ... URL -- FILE) it POSTs FILE's contents as a form; without, it GETs.
-- At the end it prints one JSON line with the figures speed.py reads.

function init(args)
  if args[1] then
    local file = assert(io.open(args[1], "rb"))
    local body = file:read("*a")
    file:close()
    local headers = {}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    prepared = wrk.format("POST", nil, headers, body)
  else
    prepared = wrk.format()
  end
end

function request()
  return prepared
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "non_2xx_3xx": %d, "socket_errors": %d, '
    .. '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
