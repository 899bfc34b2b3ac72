-- GET /Users?filter=userName eq "bench.userN@example.com" for a random preloaded user (the harness preloads
-- bench.user0 … bench.user<args[1]-1>); upper case in the filter, as userName compares case-insensitively.
local users = 1
function init(args)
  users = tonumber(args[1])
  math.randomseed(os.time() + (tonumber(tostring(wrk):match("0x(%x+)"), 16) or 0) % 1000003)
  wrk.headers["Accept"] = "application/scim+json"
end

function request()
  local n = math.random(users) - 1
  return wrk.format("GET", "/scim/v2/Users?filter=userName%20eq%20%22BENCH.user" .. n .. "%40example.com%22")
end
