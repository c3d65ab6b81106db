import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { memoryLimiter } from "../../src/limits/memory-limiter.js";

describe("memory limiter", () => {
  test("drops keys once their buckets have refilled, without timers", async () => {
    let nowMs = 0;
    const limiter = memoryLimiter(() => nowMs);
    for (let i = 0; i < 1000; i++) await limiter.reserve([{ key: `idle-${i}`, tokensPerMinute: 1000 }], 1000);
    assert.equal(limiter.size, 1000);
    nowMs += 30_000;
    for (let i = 0; i < 300; i++) await limiter.reserve([{ key: "busy", tokensPerMinute: 1_000_000 }], 1);
    assert.equal(limiter.size, 1001, "nothing dropped before it refilled");
    nowMs += 30_000;
    for (let i = 0; i < 300; i++) await limiter.reserve([{ key: "busy", tokensPerMinute: 1_000_000 }], 1);
    assert.equal(limiter.size, 1);
    await limiter.close();
  });

  test("refills nothing when the clock steps back", async () => {
    let nowMs = 100_000;
    const limiter = memoryLimiter(() => nowMs);
    const rule = { key: "c1", tokensPerMinute: 1000 };
    assert.equal((await limiter.reserve([rule], 1000)).ok, true);
    nowMs -= 30_000;
    assert.equal((await limiter.reserve([rule], 1)).ok, false);
    nowMs += 30_000 + 60;
    assert.equal((await limiter.reserve([rule], 1)).ok, true);
    assert.equal((await limiter.reserve([rule], 1)).ok, false);
    await limiter.close();
  });
});
