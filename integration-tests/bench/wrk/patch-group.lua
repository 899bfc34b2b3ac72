-- PATCH /Groups/{id}: add or remove (at random) one member of a big group. args[1] = the group id, args[2] = a
-- file of user ids outside the group's preloaded members (the probes). Okta-style: excludedAttributes=members, so
-- the response does not grow with the group.
local probes = {}
local group
function init(args)
  group = args[1]
  for line in io.lines(args[2]) do
    probes[#probes + 1] = line
  end
  math.randomseed(os.time() + (tonumber(tostring(probes):match("0x(%x+)"), 16) or 0) % 1000003)
  wrk.headers["Content-Type"] = "application/scim+json"
  wrk.headers["Accept"] = "application/scim+json"
end

function request()
  local op = (math.random(2) == 1) and "add" or "remove"
  local body = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"' .. op
    .. '","path":"members","value":[{"value":"' .. probes[math.random(#probes)] .. '"}]}]}'
  return wrk.format("PATCH", "/scim/v2/Groups/" .. group .. "?excludedAttributes=members", nil, body)
end
