/**
 * The Redis limiter's two scripts. Each is one EVALSHA: the check and the reservation
 * across every rule happen inside one script, which Redis runs without interleaving any
 * other command, so replicas sharing the server can never admit past a limit together.
 *
 * The arithmetic mirrors token-bucket.ts operation for operation (same doubles, same
 * order), so both backends give the same answers. Numbers leave as '%.17g' strings: Redis
 * truncates Lua numbers to integers in replies, and '%.17g' round-trips a double exactly.
 *
 * Time is the server's TIME unless ARGV[1] carries a clock (tests): one clock for all
 * replicas, so a skewed replica cannot refill buckets early. A bucket's time never steps
 * back either way.
 *
 * One hash per rule key: t/ta = token level and when it was computed, r/ra the same for
 * requests. A missing field is a full bucket; the hash expires (PEXPIRE) when every bucket
 * in it is full again, so an idle consumer leaves nothing behind and nothing is lost.
 */
const PRELUDE = `
if redis.replicate_commands then redis.replicate_commands() end
local WINDOW = 60000
local now = tonumber(ARGV[1])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
local function fmt(x) return string.format('%.17g', x) end
local function level_at(level, at, cap)
  if not level then return cap end
  local elapsed = now - at
  if elapsed > 0 then level = level + elapsed * cap / WINDOW end
  if level < cap then return level end
  return cap
end
local function full_in(level, at, cap)
  if level >= cap then return 0 end
  local base = now
  if at and at > now then base = at end
  return base - now + (cap - level) * WINDOW / cap
end
-- Loads rule i (caps at ARGV[first + 2i - 2], ARGV[first + 2i - 1]), refilled to now.
local function load(i, first)
  local key = KEYS[i]
  local b = { key = key, tcap = tonumber(ARGV[first + 2 * i - 2]), rcap = tonumber(ARGV[first + 2 * i - 1]) }
  local s = redis.call('HMGET', key, 't', 'ta', 'r', 'ra')
  b.ta = tonumber(s[2])
  b.ra = tonumber(s[4])
  if b.tcap then b.t = level_at(tonumber(s[1]), b.ta, b.tcap) end
  if b.rcap then b.r = level_at(tonumber(s[3]), b.ra, b.rcap) end
  return b
end
-- Mirrors storeLevel(): queues the new level and its time, or the fields' removal when full.
local function stamp(level, at, cap, lf, af, set, del)
  if level >= cap then
    del[#del + 1] = lf
    del[#del + 1] = af
    return nil
  end
  if not at or at < now then at = now end
  set[#set + 1] = lf
  set[#set + 1] = fmt(level)
  set[#set + 1] = af
  set[#set + 1] = fmt(at)
  return at
end
-- Adds to the buckets (capped at capacity), writes them with one HSET, and sets the hash to
-- expire once all are full; a hash with every bucket full is deleted (absent = full).
local function write(b, tadd, radd)
  local set, del, ttl = {}, {}, 0
  if b.tcap then
    if tadd ~= 0 then
      b.t = math.min(b.tcap, b.t + tadd)
      b.ta = stamp(b.t, b.ta, b.tcap, 't', 'ta', set, del)
    end
    ttl = math.max(ttl, full_in(b.t, b.ta, b.tcap))
  end
  if b.rcap then
    if radd ~= 0 then
      b.r = math.min(b.rcap, b.r + radd)
      b.ra = stamp(b.r, b.ra, b.rcap, 'r', 'ra', set, del)
    end
    ttl = math.max(ttl, full_in(b.r, b.ra, b.rcap))
  end
  if ttl <= 0 then
    redis.call('DEL', b.key)
    return
  end
  if #del > 0 then redis.call('HDEL', b.key, unpack(del)) end
  if #set > 0 then redis.call('HSET', b.key, unpack(set)) end
  redis.call('PEXPIRE', b.key, math.ceil(ttl) + 1)
end
`;

/**
 * KEYS: one hash per rule. ARGV: now or "", tokens, then per rule tokensPerMinute and
 * requestsPerMinute ("" = none). Reply: fits (1|0), now, then per rule the token and
 * request levels ("" = none): after the reservation if it fit, as found if not.
 */
export const RESERVE_LUA = `${PRELUDE}
local n = tonumber(ARGV[2])
local rules = {}
local fits = true
for i = 1, #KEYS do
  local b = load(i, 3)
  if (b.t and b.t < n) or (b.r and b.r < 1) then fits = false end
  rules[i] = b
end
if fits then
  for i = 1, #rules do write(rules[i], -n, -1) end
end
local out = { fits and 1 or 0, fmt(now) }
for i = 1, #rules do
  local b = rules[i]
  out[#out + 1] = b.t and fmt(b.t) or ''
  out[#out + 1] = b.r and fmt(b.r) or ''
end
return out
`;

/** KEYS as above. ARGV: now or "", tokens to add, requests to add, then the caps per rule. */
export const ADJUST_LUA = `${PRELUDE}
local tadd = tonumber(ARGV[2])
local radd = tonumber(ARGV[3])
for i = 1, #KEYS do write(load(i, 4), tadd, radd) end
return 1
`;
