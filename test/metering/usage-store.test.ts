import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { PriceBook } from "../../src/metering/price-book.js";
import { parsePeriod } from "../../src/metering/report-period.js";
import { chargebackReport, usageReport } from "../../src/metering/reports.js";
import { UsageStore } from "../../src/store/usage/usage-store.js";
import { openTestDatabase, usageRecord, type TestStore } from "./usage-fixtures.js";

/**
 * The hand-computed example (docs/metering.md walks through it). One day, 2024-07-01, 24 hours.
 *   team-a PAYG gpt-4o@2024-08-06: 1,000,000 prompt of which 200,000 cached, 100,000 completion
 *     = 800k × 2.50 + 200k × 1.25 + 100k × 10.00 per 1M = 2.00 + 0.25 + 1.00 = 3.25
 *   team-b PAYG gpt-35-turbo: 2,000,000 prompt, 1,000,000 completion = 1.00 + 1.50 = 2.50
 *   team-c (cost centre 1001, like team-a) PAYG gpt-35-turbo: 1,000,000 prompt = 0.50
 *   team-b PAYG model "mystery" without a price: 1,000 tokens, unpriced
 *   PTU aoai-ptu/gpt4o-ptu at 10/h × 24 h = 240, served team-a 300,000 and team-b 100,000 tokens
 *     → team-a 75 % = 180, team-b 25 % = 60
 *   PTU aoai-idle/ptu2 at 2/h × 24 h = 48, served nobody → (unallocated)
 *   A record at 2024-07-02T00:00:00Z is outside the period.
 */
const DAY = "2024-07-01";
const at = (iso: string) => Date.parse(iso);
const book = new PriceBook(
  "EUR",
  new Map([
    ["gpt-4o@2024-08-06", { input: 2.5, output: 10, cached: 1.25 }],
    ["gpt-4o", { input: 99, output: 99, cached: undefined }],
    ["gpt-35-turbo", { input: 0.5, output: 1.5, cached: undefined }],
  ]),
  new Map([
    ["aoai-ptu/gpt4o-ptu", 10],
    ["aoai-idle/ptu2", 2],
  ]),
);

const ptu = { target: "aoai-ptu/gpt4o-ptu", deploymentType: "PTU" as const };
const gpt35 = { target: "aoai-payg/gpt35", model: "gpt-35-turbo", modelVersion: "0613" };
const RECORDS = [
  usageRecord({ consumer: "team-a", costCentre: "1001", promptTokens: 1_000_000, cachedTokens: 200_000, completionTokens: 100_000, totalTokens: 1_100_000, atMs: at("2024-07-01T00:00:00Z") }),
  usageRecord({ consumer: "team-b", costCentre: "2002", ...gpt35, promptTokens: 2_000_000, completionTokens: 1_000_000, totalTokens: 3_000_000 }),
  usageRecord({ consumer: "team-c", costCentre: "1001", ...gpt35, promptTokens: 1_000_000, completionTokens: 0, totalTokens: 1_000_000 }),
  usageRecord({ consumer: "team-b", costCentre: "2002", model: "mystery", modelVersion: undefined, promptTokens: 600, completionTokens: 400, totalTokens: 1000 }),
  usageRecord({ consumer: "team-a", costCentre: "1001", ...ptu, promptTokens: 200_000, completionTokens: 100_000, totalTokens: 300_000, streamed: true }),
  usageRecord({ consumer: "team-b", costCentre: "2002", ...ptu, promptTokens: 60_000, completionTokens: 20_000, totalTokens: 80_000 }),
  usageRecord({ consumer: "team-b", costCentre: "2002", ...ptu, promptTokens: 15_000, completionTokens: 5_000, totalTokens: 20_000, atMs: at("2024-07-01T23:59:59.999Z") }),
  usageRecord({ consumer: undefined, costCentre: undefined, target: undefined, deploymentType: undefined, status: 401, errorCode: "invalid_api_key", promptTokens: 0, completionTokens: 0, totalTokens: 0, attempts: 0 }),
  usageRecord({ consumer: "team-a", costCentre: "1001", promptTokens: 9_000_000, completionTokens: 0, totalTokens: 9_000_000, atMs: at("2024-07-02T00:00:00Z") }),
];

for (const kind of ["sqlite", "postgres"] as const) {
  describe(`usage store on ${kind}`, () => {
    let t: TestStore;
    let store: UsageStore;
    before(async () => {
      t = await openTestDatabase(kind);
      store = new UsageStore(t.database.db);
      await store.insert(RECORDS);
    });
    after(() => t.close());

    test("stores a record field for field and skips an id it already has", async () => {
      const first = RECORDS[4]!;
      await store.insert([first, { ...first, promptTokens: 1 }]);
      assert.equal(await store.count(), RECORDS.length);
      const [back] = await store.byRequestId(first.requestId);
      assert.deepEqual(back, first);
      const [failed] = await store.byRequestId(RECORDS[7]!.requestId);
      assert.equal(failed?.errorCode, "invalid_api_key");
      assert.equal(failed?.consumer, undefined);
    });

    test("a value PostgreSQL would refuse (NUL, huge) is cleaned instead of failing the batch", async () => {
      const odd = usageRecord({ atMs: at("2020-01-01T00:00:00Z"), outsideName: `x\u0000y${"z".repeat(2000)}`, latencyMs: Number.NaN });
      await store.insert([odd]);
      const [back] = await store.byRequestId(odd.requestId);
      assert.equal(back?.outsideName?.startsWith("xyz"), true);
      assert.equal(back?.outsideName?.length, 512);
      assert.equal(back?.latencyMs, 0);
    });

    test("summarises usage by consumer over a period, the end excluded", async () => {
      const report = await usageReport(store, { ...parsePeriod(DAY, DAY), by: "consumer" });
      const a = report.rows.find((r) => r.key === "team-a");
      assert.deepEqual(
        { requests: a?.requests, prompt: a?.promptTokens, cached: a?.cachedTokens, total: a?.totalTokens },
        { requests: 2, prompt: 1_200_000, cached: 200_000, total: 1_400_000 },
      );
      const none = report.rows.find((r) => r.key === null);
      assert.equal(none?.errors, 1, "the 401 counts as an error of no consumer");
      const byDeployment = await usageReport(store, { ...parsePeriod(DAY, DAY), by: "deployment" });
      assert.equal(byDeployment.rows.find((r) => r.key === "aoai-ptu/gpt4o-ptu")?.totalTokens, 400_000);
    });

    test("chargeback: PAYG at list price, PTU amortised by token share, equal to the hand computation", async () => {
      const c = await chargebackReport(store, book, { ...parsePeriod(DAY, DAY), by: "consumer" });
      assert.equal(c.hours, 24);
      assert.equal(c.currency, "EUR");
      const line = (key: string) => c.lines.find((l) => l.key === key);
      assert.deepEqual(pick(line("team-a")), { paygCost: 3.25, ptuCost: 180, cost: 183.25, unpricedTokens: 0 });
      assert.deepEqual(pick(line("team-b")), { paygCost: 2.5, ptuCost: 60, cost: 62.5, unpricedTokens: 1000 });
      assert.deepEqual(pick(line("team-c")), { paygCost: 0.5, ptuCost: 0, cost: 0.5, unpricedTokens: 0 });
      assert.deepEqual(pick(line("(unallocated)")), { paygCost: 0, ptuCost: 48, cost: 48, unpricedTokens: 0 });
      assert.equal(c.total.cost, 294.25);
      const busy = c.ptu.find((p) => p.deployment === "aoai-ptu/gpt4o-ptu");
      assert.deepEqual(busy?.shares, [
        { key: "team-a", tokens: 300_000, cost: 180 },
        { key: "team-b", tokens: 100_000, cost: 60 },
      ]);
      assert.deepEqual(c.warnings, ["no price for model mystery: its tokens are not in the cost"]);
    });

    test("chargeback by cost centre adds up the consumers that share one", async () => {
      const c = await chargebackReport(store, book, { ...parsePeriod(DAY, DAY), by: "costCentre" });
      assert.equal(c.lines.find((l) => l.key === "1001")?.cost, 183.75);
      assert.equal(c.lines.find((l) => l.key === "2002")?.cost, 62.5);
      assert.equal(c.total.cost, 294.25);
    });

    test("a consumer's chargeback holds its own line and its own PTU share only", async () => {
      const c = await chargebackReport(store, book, { ...parsePeriod(DAY, DAY), by: "costCentre", onlyConsumer: "team-b" });
      assert.deepEqual(c.lines.map((l) => l.key), ["team-b"]);
      assert.equal(c.total.cost, 62.5, "its PTU share is still computed against everyone's tokens");
      assert.deepEqual(c.ptu.flatMap((p) => p.shares.map((s) => s.key)), ["team-b"]);
      assert.deepEqual(c.warnings, []);
    });
  });
}

function pick(l: { paygCost: number; ptuCost: number; cost: number; unpricedTokens: number } | undefined) {
  return l && { paygCost: l.paygCost, ptuCost: l.ptuCost, cost: l.cost, unpricedTokens: l.unpricedTokens };
}
