import type { Redis } from "ioredis";
import { redisScript } from "./redis-script.js";

/**
 * Monthly spend per key, in integer micro-USD (no float drift when summing millions of
 * small charges). This is the enforcement counter, not the ledger: usage records in
 * store/ stay the source of truth for billing.
 *
 * A hard budget works like the token limiter: reserve the request's maximum cost, then
 * settle to the actual cost. reserve admits while the month's total (settled spend plus
 * holds in flight) is still under the limit, atomically, so under any concurrency the
 * total can pass the limit by less than one request's maximum cost, and only that last
 * admitted request can push it over. (Requiring total + max ≤ limit would never pass it,
 * but would strand the budget's last cents behind any large max_tokens.)
 */
export interface BudgetCounter {
  /** Adds a cost (negative refunds) and returns the month's new total. */
  charge(key: string, month: string, amountMicroUsd: number): Promise<number>;
  /** The month's total, holds in flight included. */
  spent(key: string, month: string): Promise<number>;
  /** Holds maxMicroUsd if the total is under limitMicroUsd; `spent` is the total after (or as found). */
  reserve(key: string, month: string, maxMicroUsd: number, limitMicroUsd: number): Promise<{ ok: boolean; spent: number }>;
  /** Replaces a hold by the actual cost (0 releases it) and returns the new total. */
  settle(key: string, month: string, reservedMicroUsd: number, actualMicroUsd: number): Promise<number>;
  close(): Promise<void>;
}

/** The budget month of an instant, in UTC: "2025-06". */
export function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

function check(month: string, ...amounts: number[]): void {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new TypeError(`month must look like 2025-06, got ${month}`);
  for (const a of amounts) if (!Number.isSafeInteger(a)) throw new TypeError(`amounts are integer micro-USD, got ${a}`);
}

/**
 * One process's counters. Only the two latest months are kept (this month, and last month
 * for settles that straddle midnight); older ones are dropped when a newer one appears.
 */
export function memoryBudgetCounter(): BudgetCounter {
  const months = new Map<string, Map<string, number>>();
  const add = (key: string, month: string, amount: number): number => {
    let totals = months.get(month);
    if (totals === undefined) {
      months.set(month, (totals = new Map()));
      // "YYYY-MM" sorts as time does.
      while (months.size > 2) months.delete([...months.keys()].sort()[0]!);
    }
    const total = (totals.get(key) ?? 0) + amount;
    totals.set(key, total);
    return total;
  };
  const spent = (key: string, month: string): number => months.get(month)?.get(key) ?? 0;
  return {
    async charge(key, month, amount) {
      check(month, amount);
      return add(key, month, amount);
    },
    async spent(key, month) {
      check(month);
      return spent(key, month);
    },
    async reserve(key, month, max, limit) {
      check(month, max, limit);
      const total = spent(key, month);
      if (total >= limit) return { ok: false, spent: total };
      return { ok: true, spent: add(key, month, max) };
    },
    async settle(key, month, reserved, actual) {
      check(month, reserved, actual);
      return add(key, month, actual - reserved);
    },
    async close() {
      months.clear();
    },
  };
}

const RESERVE_LUA = `
local total = tonumber(redis.call('GET', KEYS[1]) or '0')
if total >= tonumber(ARGV[2]) then return { 0, total } end
total = redis.call('INCRBY', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return { 1, total }
`;

const ADD_LUA = `
local total = redis.call('INCRBY', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return total
`;

export interface RedisBudgetOptions {
  prefix?: string;
  /** Each write pushes expiry this far out; the 40-day default outlives a month plus late settles. */
  ttlMs?: number;
}

/** Counters shared by all replicas; each call is one atomic script (one round trip). */
export function redisBudgetCounter(redis: Redis, options: RedisBudgetOptions = {}): BudgetCounter {
  const prefix = options.prefix ?? "atrium:budget:";
  const ttl = String(options.ttlMs ?? 40 * 24 * 3_600_000);
  const reserveScript = redisScript(redis, RESERVE_LUA);
  const addScript = redisScript(redis, ADD_LUA);
  const keyOf = (key: string, month: string): string => `${prefix}${month}:${key}`;
  const add = async (key: string, month: string, amount: number): Promise<number> =>
    toInteger(await addScript.run([keyOf(key, month)], [amount, ttl]));
  return {
    async charge(key, month, amount) {
      check(month, amount);
      return add(key, month, amount);
    },
    async spent(key, month) {
      check(month);
      const raw = await redis.get(keyOf(key, month));
      return raw === null ? 0 : toInteger(Number(raw));
    },
    async reserve(key, month, max, limit) {
      check(month, max, limit);
      const reply: unknown = await reserveScript.run([keyOf(key, month)], [max, limit, ttl]);
      if (!Array.isArray(reply) || reply.length !== 2) throw new Error("unexpected budget script reply");
      const cells: unknown[] = reply;
      return { ok: cells[0] === 1, spent: toInteger(cells[1]) };
    },
    async settle(key, month, reserved, actual) {
      check(month, reserved, actual);
      return add(key, month, actual - reserved);
    },
    async close() {},
  };
}

function toInteger(value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) throw new Error("unexpected budget counter value");
  return value;
}
