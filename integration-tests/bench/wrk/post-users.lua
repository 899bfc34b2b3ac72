-- POST /Users: every request creates a new user. Names are unique per server (args[1] = a prefix, plus the second
-- wrk started, so a warm-up and the measured run differ), per wrk thread and per request: no request is a 409.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local counter = 0
local prefix = "wrk"
function init(args)
  prefix = (args[1] or prefix) .. "-" .. os.time()
  wrk.headers["Content-Type"] = "application/scim+json"
  wrk.headers["Accept"] = "application/scim+json"
end

function request()
  counter = counter + 1
  local n = prefix .. "." .. tid .. "." .. counter
  local body = '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"' .. n .. '@example.com",'
    .. '"name":{"givenName":"Wrk","familyName":"User ' .. n .. '"},'
    .. '"emails":[{"value":"' .. n .. '@example.com","type":"work","primary":true}],'
    .. '"externalId":"ext-' .. n .. '","active":true}'
  return wrk.format("POST", "/scim/v2/Users", nil, body)
end
