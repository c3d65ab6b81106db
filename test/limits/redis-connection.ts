import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";

export const REDIS_URL = process.env["REDIS_URL"] ?? "redis://127.0.0.1:6379";

/** A key prefix no other run (or engineer sharing this Redis) uses. */
export const RUN_PREFIX = `atrium-test:${randomUUID()}:`;

export interface RedisForTests {
  /** A connected client, or undefined with the reason to skip. */
  redis: Redis | undefined;
  skip: string | false;
  /** Deletes every key this run wrote, then quits. */
  close(): Promise<void>;
}

/**
 * Connects once. Unreachable Redis skips the Redis variants locally, but in CI (CI set)
 * it fails: there the Redis backend must be tested.
 */
export async function redisForTests(): Promise<RedisForTests> {
  const redis = connect();
  // Without a listener ioredis prints "Unhandled error event"; keep the cause for the skip reason.
  let lastError: unknown;
  redis.on("error", (err: unknown) => (lastError = err));
  try {
    await redis.connect();
    await redis.ping();
  } catch (caught) {
    redis.disconnect();
    const err = lastError ?? caught;
    if (process.env["CI"] !== undefined) throw new Error(`Redis at ${REDIS_URL} is unreachable and CI is set`, { cause: err });
    const skip = `Redis at ${REDIS_URL} is unreachable (${err instanceof Error ? err.message : String(err)}); Redis variant skipped`;
    return { redis: undefined, skip, close: async () => {} };
  }
  return {
    redis,
    skip: false,
    async close() {
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", `${RUN_PREFIX}*`, "COUNT", 1000);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== "0");
      await redis.quit();
    },
  };
}

/** Another client to the same server (a second replica, a MONITOR). */
export function connect(): Redis {
  return new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 1, retryStrategy: () => null });
}
