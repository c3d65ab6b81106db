import type { Redis } from "ioredis";
import { checkAmounts, type BudgetCounter } from "./budget-counter.js";
import { redisScript } from "./redis-script.js";

// KEYS: settled, held. ARGV: max, limit, held ttl.
const RESERVE_LUA = `
local settled = tonumber(redis.call('GET', KEYS[1]) or '0')
local held = tonumber(redis.call('GET', KEYS[2]) or '0')
if settled + held >= tonumber(ARGV[2]) then return { 0, settled, held } end
held = redis.call('INCRBY', KEYS[2], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return { 1, settled, held }
`;

// KEYS: settled, held. ARGV: amount added to settled, hold released, ttl, held ttl. Returns settled + held.
const SETTLE_LUA = `
local settled
if ARGV[1] ~= '0' then
  settled = redis.call('INCRBY', KEYS[1], ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
else
  settled = tonumber(redis.call('GET', KEYS[1]) or '0')
end
local held = tonumber(redis.call('GET', KEYS[2]) or '0')
local release = tonumber(ARGV[2])
if release > 0 and held > 0 then
  if held <= release then
    redis.call('DEL', KEYS[2])
    held = 0
  else
    held = redis.call('DECRBY', KEYS[2], release)
    redis.call('PEXPIRE', KEYS[2], ARGV[4])
  end
end
return settled + held
`;

export interface RedisBudgetOptions {
  prefix?: string;
  /** Each write pushes the settled key's expiry this far out; the 40-day default outlives a month plus late settles. */
  ttlMs?: number;
  /**
   * How long the holds key lives after its last write (default 1 h). It only expires when no
   * request of the budget was admitted or settled for that long, so by then every hold left is
   * one a crashed replica will never settle, and the budget gets it back.
   */
  heldTtlMs?: number;
}

/**
 * Counters shared by all replicas; each call is one atomic script (one round trip). Keys:
 * `<prefix><month>:<key>` holds settled spend (the key older versions kept settled + holds in,
 * so their replicas still count correctly beside these), `<prefix>held:<month>:<key>` the holds
 * in flight (a month begins with a digit, so no budget key can take that name).
 */
export function redisBudgetCounter(redis: Redis, options: RedisBudgetOptions = {}): BudgetCounter {
  const prefix = options.prefix ?? "atrium:budget:";
  const ttl = String(options.ttlMs ?? 40 * 24 * 3_600_000);
  const heldTtl = String(options.heldTtlMs ?? 3_600_000);
  const reserveScript = redisScript(redis, RESERVE_LUA);
  const settleScript = redisScript(redis, SETTLE_LUA);
  const keysOf = (key: string, month: string): [string, string] => [`${prefix}${month}:${key}`, `${prefix}held:${month}:${key}`];
  const add = async (key: string, month: string, amount: number, release: number): Promise<number> =>
    toInteger(await settleScript.run(keysOf(key, month), [amount, release, ttl, heldTtl]));
  return {
    async charge(key, month, amount) {
      checkAmounts(month, amount);
      return add(key, month, amount, 0);
    },
    async spent(key, month) {
      checkAmounts(month);
      const raw = await redis.mget(...keysOf(key, month));
      return raw.reduce((sum, v) => sum + (v === null ? 0 : toInteger(Number(v))), 0);
    },
    async reserve(key, month, max, limit) {
      checkAmounts(month, max, limit);
      const reply: unknown = await reserveScript.run(keysOf(key, month), [max, limit, heldTtl]);
      if (!Array.isArray(reply) || reply.length !== 3) throw new Error("unexpected budget script reply");
      const cells: unknown[] = reply;
      return { ok: cells[0] === 1, settled: toInteger(cells[1]), held: toInteger(cells[2]) };
    },
    async settle(key, month, reserved, actual) {
      checkAmounts(month, reserved, actual);
      return add(key, month, actual, reserved);
    },
    async close() {},
  };
}

function toInteger(value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) throw new Error("unexpected budget counter value");
  return value;
}
