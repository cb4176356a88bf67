import { writeFileSync } from 'node:fs';
import { prepareKiosk } from '../test/support/remote.ts';
const base = 'http://127.0.0.1:9400';
const { questionnaire, code } = await prepareKiosk(base, 'http://localhost:9400');
const completedAt = new Date().toISOString();
writeFileSync('/tmp/submit.lua', `
local counter = 0
math.randomseed(os.time())
local prefix = string.format("%08x", math.random(0, 0x7fffffff))
local answers = '{"cope_stress":"agree","handle_feelings":"strongly_agree","family_relationships":"no_opinion","family_cohesion":"agree","comments":"ok"}'
request = function()
  counter = counter + 1
  local id = string.format("%s-0000-4000-8000-%012x", prefix, counter)
  local body = '{"id":"' .. id .. '","questionnaire":{"id":"${questionnaire.id}","version":1},"locale":"zh-HK","answers":' .. answers .. ',"completedAt":"${completedAt}"}'
  return wrk.format("POST", "/api/v1/kiosk/${code}/responses", {["Content-Type"] = "application/json"}, body)
end
done = function(summary, latency, requests)
  io.write(string.format("non2xx=%d\\n", summary.errors.status))
end
`);
