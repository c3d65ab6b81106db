import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";
import { redisLimiter } from "../../src/limits/redis-limiter.js";
import { RUN_PREFIX, connect, redisForTests } from "./redis-connection.js";

const { redis, skip, close } = await redisForTests();
after(close);

// What the shared suite cannot show with a fake clock: the server's TIME, real expiry,
// several replicas, and the number of commands on the wire. Waits are a few hundred ms.
describe("redis limiter on the server's clock", { skip }, () => {
  const r = redis!;
  let run = 0;
  const prefix = () => `${RUN_PREFIX}server${run++}:`;

  test("refills as the server's time passes", async () => {
    const limiter = redisLimiter(r, { prefix: prefix() });
    const rule = { key: "c1", tokensPerMinute: 60_000 }; // 1 token per ms
    assert.equal((await limiter.reserve([rule], 60_000)).ok, true);
    const rejected = await limiter.reserve([rule], 500);
    assert.equal(rejected.ok, false);
    assert.ok((rejected.retryAfterMs ?? 0) > 0);
    await sleep(600);
    assert.equal((await limiter.reserve([rule], 500)).ok, true);
  });

  test("lets a key expire once its buckets are full again", async () => {
    const p = prefix();
    const limiter = redisLimiter(r, { prefix: p });
    await limiter.reserve([{ key: "idle", tokensPerMinute: 60_000, requestsPerMinute: 600_000 }], 100);
    const ttl = await r.pttl(`${p}idle`);
    assert.ok(ttl > 0 && ttl <= 102, `pttl ${ttl}`);
    await sleep(150);
    assert.equal(await r.exists(`${p}idle`), 0);
  });

  test("two replicas sharing Redis admit no more than the limit together", async () => {
    const p = prefix();
    const second = connect();
    await second.connect();
    try {
      const replicas = [redisLimiter(r, { prefix: p }), redisLimiter(second, { prefix: p })];
      const rules = [{ key: "consumer-1|gpt35|dev", tokensPerMinute: 1000 }];
      const started = performance.now();
      const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => replicas[i % 2]!.reserve(rules, 10)));
      const elapsedMs = performance.now() - started;
      const admitted = answers.filter((a) => a.ok).length;
      // The bucket starts full and refills 1000/min while the burst runs: nothing beyond that.
      assert.ok(admitted >= 100);
      assert.ok(admitted * 10 <= 1000 + (elapsedMs * 1000) / 60_000, `${admitted} admitted in ${elapsedMs} ms`);
    } finally {
      await second.quit();
    }
  });

  test("sends one command per reserve, reconcile and release", async () => {
    const p = prefix();
    const monitor: Redis = await connect().monitor();
    const seen: string[] = [];
    monitor.on("monitor", (_time: string, args: string[], source: string) => {
      if (source !== "lua" && args.some((a) => a.startsWith(p))) seen.push(args[0] ?? "");
    });
    try {
      const limiter = redisLimiter(r, { prefix: p });
      const rules = [{ key: "a", tokensPerMinute: 100_000, requestsPerMinute: 1000 }, { key: "b", tokensPerMinute: 50_000 }];
      for (let i = 0; i < 10; i++) {
        const { reservation } = await limiter.reserve(rules, 100);
        assert.ok(reservation);
        if (i % 2 === 0) await limiter.reconcile(reservation, 150);
        else await limiter.release(reservation);
      }
      await r.get(`${p}marker`);
      for (let i = 0; i < 400 && seen.at(-1) !== "get"; i++) await sleep(5);
      assert.equal(seen.length - 1, 20, seen.join(" "));
    } finally {
      monitor.disconnect();
    }
  });
});
