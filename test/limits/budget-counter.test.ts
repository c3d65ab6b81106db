import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { type BudgetCounter, memoryBudgetCounter, monthOf } from "../../src/limits/budget-counter.js";
import { redisBudgetCounter } from "../../src/limits/redis-budget-counter.js";
import { RUN_PREFIX, redisForTests } from "./redis-connection.js";

const { redis, skip, close } = await redisForTests();
after(close);

/** Behaviour both backends share; `make` returns a counter with fresh state. */
function budgetSuite(make: () => BudgetCounter): void {
  test("charges and reads a month's spend per key", async () => {
    const budget = make();
    await budget.charge("team-a", "2025-06", 100);
    assert.equal(await budget.charge("team-a", "2025-06", 250), 350);
    assert.equal(await budget.spent("team-a", "2025-06"), 350);
    assert.equal(await budget.spent("team-a", "2025-07"), 0);
    assert.equal(await budget.spent("team-b", "2025-06"), 0);
  });

  test("holds a request's maximum cost, then settles to the actual cost", async () => {
    const budget = make();
    assert.deepEqual(await budget.reserve("team-a", "2025-06", 100, 1000), { ok: true, settled: 0, held: 100 });
    assert.equal(await budget.spent("team-a", "2025-06"), 100, "spent counts holds in flight");
    assert.equal(await budget.settle("team-a", "2025-06", 100, 40), 40);
    await budget.reserve("team-a", "2025-06", 100, 1000);
    assert.equal(await budget.settle("team-a", "2025-06", 100, 0), 40);
  });

  test("refuses once the month's total reaches the limit, holding nothing", async () => {
    const budget = make();
    await budget.charge("team-a", "2025-06", 1000);
    assert.deepEqual(await budget.reserve("team-a", "2025-06", 5, 1000), { ok: false, settled: 1000, held: 0 });
    assert.equal(await budget.spent("team-a", "2025-06"), 1000);
    assert.equal((await budget.reserve("team-a", "2025-07", 5, 1000)).ok, true);
  });

  test("a refusal tells settled spend from the holds of requests in flight", async () => {
    const budget = make();
    await budget.charge("team-a", "2025-06", 300);
    assert.deepEqual(await budget.reserve("team-a", "2025-06", 500, 1000), { ok: true, settled: 300, held: 500 });
    assert.deepEqual(await budget.reserve("team-a", "2025-06", 400, 1000), { ok: true, settled: 300, held: 900 });
    // 1200 ≥ 1000, but only 300 is spent: the rest comes back as the two settle.
    assert.deepEqual(await budget.reserve("team-a", "2025-06", 100, 1000), { ok: false, settled: 300, held: 900 });
    assert.equal(await budget.settle("team-a", "2025-06", 500, 120), 820);
    assert.equal(await budget.settle("team-a", "2025-06", 400, 0), 420);
    assert.deepEqual(await budget.reserve("team-a", "2025-06", 100, 1000), { ok: true, settled: 420, held: 100 });
  });

  test("releasing more than is held never leaves a negative hold", async () => {
    const budget = make();
    await budget.reserve("team-a", "2025-06", 100, 1000);
    assert.equal(await budget.settle("team-a", "2025-06", 250, 30), 30);
    assert.deepEqual(await budget.reserve("team-a", "2025-06", 10, 1000), { ok: true, settled: 30, held: 10 });
  });

  test("never passes a hard limit by more than one request's maximum cost under 100 concurrent reserves", async () => {
    const budget = make();
    const limit = 1_000_000;
    const max = 37_000;
    const answers = await Promise.all(Array.from({ length: 100 }, () => budget.reserve("team-a", "2025-06", max, limit)));
    const admitted = answers.filter((a) => a.ok).length;
    assert.equal(admitted, Math.ceil(limit / max));
    assert.ok(answers.every((a) => a.ok || a.settled === 0), "every refusal was for holds, none for spend");
    // Actual costs never exceed the maximum, so settling cannot push the total further.
    await Promise.all(Array.from({ length: admitted }, (_, i) => budget.settle("team-a", "2025-06", max, max - (i % 3))));
    const total = await budget.spent("team-a", "2025-06");
    assert.ok(total < limit + max, `total ${total}`);
  });

  test("rejects amounts that are not integer micro-USD and malformed months", async () => {
    const budget = make();
    await assert.rejects(budget.charge("team-a", "2025-06", 0.5), TypeError);
    await assert.rejects(budget.charge("team-a", "June", 1), TypeError);
  });
}

describe("memory budget counter", () => {
  budgetSuite(() => memoryBudgetCounter());

  test("keeps only the two latest months", async () => {
    const budget = memoryBudgetCounter();
    await budget.charge("team-a", "2025-05", 1);
    await budget.charge("team-a", "2025-06", 2);
    await budget.charge("team-a", "2025-07", 3);
    assert.equal(await budget.spent("team-a", "2025-05"), 0);
    assert.equal(await budget.spent("team-a", "2025-06"), 2);
  });

  test("names months in UTC", () => {
    assert.equal(monthOf(Date.UTC(2025, 5, 30, 23, 59)), "2025-06");
  });
});

describe("redis budget counter", { skip }, () => {
  let run = 0;
  budgetSuite(() => redisBudgetCounter(redis!, { prefix: `${RUN_PREFIX}budget${run++}:` }));

  test("sets keys to expire", async () => {
    const prefix = `${RUN_PREFIX}budget-ttl:`;
    await redisBudgetCounter(redis!, { prefix, ttlMs: 5000 }).charge("team-a", "2025-06", 10);
    const ttl = await redis!.pttl(`${prefix}2025-06:team-a`);
    assert.ok(ttl > 0 && ttl <= 5000, `pttl ${ttl}`);
  });

  test("holds a crashed replica left behind expire once the budget has been idle for heldTtlMs", async () => {
    const budget = redisBudgetCounter(redis!, { prefix: `${RUN_PREFIX}budget-crash:`, heldTtlMs: 300 });
    await budget.charge("team-a", "2025-06", 200);
    // Never settled: the replica that held it is gone.
    await budget.reserve("team-a", "2025-06", 900, 1000);
    assert.deepEqual(await budget.reserve("team-a", "2025-06", 10, 1000), { ok: false, settled: 200, held: 900 });
    let answer = await budget.reserve("team-a", "2025-06", 10, 1000);
    for (let i = 0; i < 100 && !answer.ok; i++) {
      await sleep(50);
      answer = await budget.reserve("team-a", "2025-06", 10, 1000);
    }
    assert.deepEqual(answer, { ok: true, settled: 200, held: 10 });
  });

  test("counts right beside a replica of the older format, which kept holds in the settled key", async () => {
    const prefix = `${RUN_PREFIX}budget-old:`;
    const budget = redisBudgetCounter(redis!, { prefix });
    // The older replica holds 300 by adding it to the one key, then settles to 120.
    await redis!.incrby(`${prefix}2025-06:team-a`, 300);
    assert.deepEqual(await budget.reserve("team-a", "2025-06", 500, 1000), { ok: true, settled: 300, held: 500 });
    await redis!.incrby(`${prefix}2025-06:team-a`, 120 - 300);
    assert.equal(await budget.settle("team-a", "2025-06", 500, 80), 200);
  });
});
