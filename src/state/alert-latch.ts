import type { Redis } from "ioredis";

/**
 * "Has this alert been sent?" across every replica sharing the state, so a budget threshold
 * alerts once per month however many gateways see it crossed.
 */
export interface AlertLatch {
  /** True for exactly one caller per key until `ttlMs` passes. */
  first(key: string, ttlMs: number): Promise<boolean>;
}

export function memoryAlertLatch(clock: () => number = Date.now): AlertLatch {
  const taken = new Map<string, number>();
  return {
    async first(key, ttlMs) {
      const now = clock();
      const until = taken.get(key);
      if (until !== undefined && until > now) return false;
      // Alerts are a handful per budget per month: a sweep on each new key is cheap.
      for (const [k, t] of taken) if (t <= now) taken.delete(k);
      taken.set(key, now + ttlMs);
      return true;
    },
  };
}

/** SET NX: one atomic command, one round trip. */
export function redisAlertLatch(redis: Redis, prefix: string): AlertLatch {
  return {
    async first(key, ttlMs) {
      return (await redis.set(prefix + key, "1", "PX", Math.max(1, Math.ceil(ttlMs)), "NX")) === "OK";
    },
  };
}
