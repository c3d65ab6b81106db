import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "kysely";
import { PriceBook } from "../../src/metering/price-book.js";
import { parsePeriod } from "../../src/metering/report-period.js";
import { chargebackReport } from "../../src/metering/reports.js";
import { UsageStore } from "../../src/store/usage/usage-store.js";
import { openTestDatabase, type TestStore } from "./usage-fixtures.js";

const ROWS = 1_000_000;
const JULY = parsePeriod("2024-07-01", "2024-07-31");
let t: TestStore;

before(async () => {
  t = await openTestDatabase("postgres");
  // One statement, not a million round trips: 50 consumers in 10 cost centres, a quarter of the
  // traffic on a PTU deployment, spread evenly over July.
  const spacing = (JULY.toMs - JULY.fromMs) / ROWS;
  const started = performance.now();
  await sql`
    INSERT INTO usage_records (id, request_id, at_ms, consumer, cost_centre, environment, outside_name,
      platform_deployment, target, deployment_type, model, model_version, prompt_tokens, completion_tokens,
      cached_tokens, total_tokens, usage_source, status, error_code, latency_ms, first_byte_ms, streamed, aborted, attempts)
    SELECT 'gen-' || i, 'req-' || i, ${JULY.fromMs}::double precision + i * ${spacing}::double precision,
      'consumer-' || (i % 50), 'cc-' || (i % 10), 'prod', 'gpt4o', 'gpt4o',
      CASE WHEN i % 4 = 0 THEN 'aoai-ptu/gpt4o' ELSE 'aoai-payg/gpt4o' END,
      CASE WHEN i % 4 = 0 THEN 'PTU' ELSE 'PAYG' END,
      'gpt-4o', '2024-08-06', 100 + i % 900, 50 + i % 200, 0, 150 + i % 900 + i % 200, 'provider', 200, NULL,
      200 + i % 1000, 50, i % 2, 0, 1
    FROM generate_series(0, ${ROWS - 1}) AS s(i)`.execute(t.database.db);
  await sql`ANALYZE usage_records`.execute(t.database.db);
  console.log(`# generated ${ROWS} usage records with one INSERT … SELECT generate_series: ${(performance.now() - started).toFixed(0)} ms`);
});
after(() => t.close());

test("a chargeback over a month of one million usage records in PostgreSQL", async () => {
  const book = new PriceBook("USD", new Map([["gpt-4o@2024-08-06", { input: 2.5, output: 10, cached: 1.25 }]]), new Map([["aoai-ptu/gpt4o", 50]]));
  const started = performance.now();
  const c = await chargebackReport(new UsageStore(t.database.db), book, { ...JULY, by: "costCentre" });
  const ms = performance.now() - started;
  console.log(`# chargeback over ${ROWS} records (July, by cost centre): ${ms.toFixed(0)} ms`);

  assert.equal(c.total.requests, ROWS);
  assert.equal(c.lines.length, 10);
  assert.equal(c.hours, 744);
  const ptu = c.ptu[0];
  assert.equal(ptu?.cost, 50 * 744, "the PTU costs every hour of July");
  const allocated = ptu?.shares.reduce((sum, s) => sum + s.cost, 0) ?? 0;
  assert.ok(Math.abs(allocated - 50 * 744) < 1e-3, `all of it is allocated: ${allocated}`);
  // The PAYG tokens, priced by hand from the generator's arithmetic.
  let payg = 0;
  for (let i = 0; i < ROWS; i++) if (i % 4 !== 0) payg += ((100 + (i % 900)) * 2.5 + (50 + (i % 200)) * 10) / 1e6;
  assert.ok(Math.abs(c.total.paygCost - payg) < 1e-3, `${c.total.paygCost} vs ${payg}`);
});
