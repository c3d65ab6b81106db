import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

export interface RedisScript {
  /** One round trip: EVALSHA, or EVAL while this process has not yet seen the server hold it. */
  run(keys: readonly string[], args: readonly (string | number)[]): Promise<unknown>;
}

/**
 * A Lua script called by hash. Like ioredis's defineCommand, but typed without a cast to
 * a dynamically added method. The first call sends the source (EVAL caches it on the
 * server); a NOSCRIPT later (server restart, SCRIPT FLUSH, failover) costs one retry.
 */
export function redisScript(redis: Redis, lua: string): RedisScript {
  const sha = createHash("sha1").update(lua).digest("hex");
  let loaded = false;
  const evalSource = async (keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> => {
    const reply: unknown = await redis.eval(lua, keys.length, ...keys, ...args);
    loaded = true;
    return reply;
  };
  return {
    async run(keys, args) {
      if (!loaded) return evalSource(keys, args);
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (err) {
        if (!(err instanceof Error) || !err.message.includes("NOSCRIPT")) throw err;
        loaded = false;
        return evalSource(keys, args);
      }
    },
  };
}
