-- GET /Users/{id} for a random preloaded user; args[1] = a file with one SCIM id per line.
local ids = {}
function init(args)
  for line in io.lines(args[1]) do
    ids[#ids + 1] = line
  end
  math.randomseed(os.time() + (tonumber(tostring(ids):match("0x(%x+)"), 16) or 0) % 1000003)
  wrk.headers["Accept"] = "application/scim+json"
end

function request()
  return wrk.format("GET", "/scim/v2/Users/" .. ids[math.random(#ids)])
end
