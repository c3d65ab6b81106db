import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { type BudgetCounter, memoryBudgetCounter, monthOf, redisBudgetCounter } from "../../src/limits/budget-counter.js";
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
    assert.deepEqual(await budget.reserve("team-a", "2025-06", 100, 1000), { ok: true, spent: 100 });
    assert.equal(await budget.settle("team-a", "2025-06", 100, 40), 40);
    await budget.reserve("team-a", "2025-06", 100, 1000);
    assert.equal(await budget.settle("team-a", "2025-06", 100, 0), 40);
  });

  test("refuses once the month's total reaches the limit, holding nothing", async () => {
    const budget = make();
    await budget.charge("team-a", "2025-06", 1000);
    assert.deepEqual(await budget.reserve("team-a", "2025-06", 5, 1000), { ok: false, spent: 1000 });
    assert.equal(await budget.spent("team-a", "2025-06"), 1000);
    assert.equal((await budget.reserve("team-a", "2025-07", 5, 1000)).ok, true);
  });

  test("never passes a hard limit by more than one request's maximum cost under 100 concurrent reserves", async () => {
    const budget = make();
    const limit = 1_000_000;
    const max = 37_000;
    const answers = await Promise.all(Array.from({ length: 100 }, () => budget.reserve("team-a", "2025-06", max, limit)));
    const admitted = answers.filter((a) => a.ok).length;
    assert.equal(admitted, Math.ceil(limit / max));
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
});
