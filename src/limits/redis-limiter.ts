import type { Redis } from "ioredis";
import { buildAdmission } from "./build-admission.js";
import type { Admission, LimitRule, Limiter, Reservation } from "./limiter.js";
import { isAdmission, sanitizeActual, screenReserve } from "./limiter.js";
import { ADJUST_LUA, RESERVE_LUA } from "./redis-limiter-lua.js";
import { redisScript } from "./redis-script.js";

export interface RedisLimiterOptions {
  /** Prepended to every rule key. In Redis Cluster, give it a hash tag ("{atrium}:limit:") so one script's keys share a slot. */
  prefix?: string;
  /**
   * Tests only. By default the script reads the server's TIME: one clock for all replicas,
   * so a replica whose clock runs ahead cannot refill buckets early.
   */
  clock?: () => number;
  /**
   * Reconcile and release never reject (they run after the response, where nobody could
   * act on it); a Redis failure there is reported here. Default: process.emitWarning.
   */
  onError?: (err: unknown) => void;
}

/**
 * A limiter shared by every replica using the same Redis: one EVALSHA per reserve,
 * reconcile or release. reserve rejects when Redis fails; whether to fail open or closed
 * is the caller's policy. close() does not quit the connection, which the caller owns.
 */
export function redisLimiter(redis: Redis, options: RedisLimiterOptions = {}): Limiter {
  const prefix = options.prefix ?? "atrium:limit:";
  const clock = options.clock;
  const onError = options.onError ?? ((err: unknown) => process.emitWarning(err instanceof Error ? err : String(err)));
  const reserveScript = redisScript(redis, RESERVE_LUA);
  const adjustScript = redisScript(redis, ADJUST_LUA);
  const settled = new WeakSet<Reservation>();
  let nextId = 0;
  const idPrefix = `r${process.pid.toString(36)}.${Date.now().toString(36)}.`;
  let closed = false;

  function keysAndCaps(rules: readonly LimitRule[]): [string[], string[]] {
    const keys: string[] = [];
    const caps: string[] = [];
    for (const rule of rules) {
      keys.push(prefix + rule.key);
      caps.push(String(rule.tokensPerMinute ?? ""), String(rule.requestsPerMinute ?? ""));
    }
    return [keys, caps];
  }

  async function adjust(reservation: Reservation, tokenAdd: number, requestAdd: number): Promise<void> {
    // Rules the adjustment cannot change are left out; with none left, no round trip at all.
    const rules = reservation.rules.filter(
      (r) => (tokenAdd !== 0 && r.tokensPerMinute !== undefined) || (requestAdd !== 0 && r.requestsPerMinute !== undefined),
    );
    if (rules.length === 0) return;
    const [keys, caps] = keysAndCaps(rules);
    const now = clock === undefined ? "" : String(clock());
    try {
      await adjustScript.run(keys, [now, String(tokenAdd), String(requestAdd), ...caps]);
    } catch (err) {
      onError(err);
    }
  }

  return {
    async reserve(rules, tokens): Promise<Admission> {
      if (closed) throw new Error("limiter is closed");
      const screened = screenReserve(rules, tokens);
      if (isAdmission(screened)) return screened;
      const active = screened;
      if (active.length === 0) {
        // Nothing limits this request: no state to check, no round trip.
        const atMs = clock?.() ?? Date.now();
        return { ok: true, reservation: { id: idPrefix + (nextId++).toString(36), rules: active, tokens, atMs } };
      }
      const [keys, caps] = keysAndCaps(active);
      const now = clock === undefined ? "" : String(clock());
      const reply = parseReply(await reserveScript.run(keys, [now, String(tokens), ...caps]), active.length);
      const reservation: Reservation | undefined = reply.fits
        ? { id: idPrefix + (nextId++).toString(36), rules: active, tokens, atMs: clock === undefined ? reply.nowMs : Number(now) }
        : undefined;
      return buildAdmission(active, tokens, reply.levels, reservation);
    },

    async reconcile(reservation, actualTokens) {
      if (settled.has(reservation)) return;
      settled.add(reservation);
      await adjust(reservation, reservation.tokens - sanitizeActual(reservation.tokens, actualTokens), 0);
    },

    async release(reservation) {
      if (settled.has(reservation)) return;
      settled.add(reservation);
      await adjust(reservation, reservation.tokens, 1);
    },

    async close() {
      closed = true;
    },
  };
}

interface ReserveReply {
  fits: boolean;
  nowMs: number;
  levels: number[];
}

/** Reads the reserve script's reply; anything else is a bug worth failing loudly on. */
function parseReply(raw: unknown, ruleCount: number): ReserveReply {
  if (!Array.isArray(raw) || raw.length !== 2 + 2 * ruleCount) throw new Error("unexpected limiter script reply");
  const cells: unknown[] = raw;
  const levels = new Array<number>(2 * ruleCount);
  for (let i = 0; i < levels.length; i++) {
    const cell = cells[i + 2];
    if (typeof cell !== "string") throw new Error("unexpected limiter script reply");
    levels[i] = cell === "" ? NaN : Number(cell);
  }
  return { fits: cells[0] === 1, nowMs: Number(cells[1]), levels };
}
