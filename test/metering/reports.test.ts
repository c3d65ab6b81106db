import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { UsageStore } from "../../src/store/usage/usage-store.js";
import { OTHER_KEY, standardConfig, TEST_KEY } from "../support/config-dir.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import { usageRecord } from "./usage-fixtures.js";

const run = promisify(execFile);
const OPERATOR_KEY = "operator-key-0123456789abcdef";
const CLI = join(import.meta.dirname, "../../src/cli/main.ts");

/**
 * July 2024, 744 hours. PTU sim-a/chat-deploy at 1/h = 744, served team-a 3,000 tokens and team-b
 * 1,000 → 558 and 186. PAYG gpt-35-turbo at 1 input / 2 output per 1M: team-a 1M prompt + 1M
 * completion = 3.
 */
const RECORDS = [
  usageRecord({ consumer: "team-a", costCentre: "1001", target: "sim-a/chat-deploy", deploymentType: "PTU", model: "gpt-35-turbo", promptTokens: 2000, completionTokens: 1000, totalTokens: 3000, atMs: Date.parse("2024-07-03T10:00:00Z") }),
  usageRecord({ consumer: "team-b", costCentre: "2002", target: "sim-a/chat-deploy", deploymentType: "PTU", model: "gpt-35-turbo", promptTokens: 500, completionTokens: 500, totalTokens: 1000, atMs: Date.parse("2024-07-31T23:00:00Z") }),
  usageRecord({ consumer: "team-a", costCentre: "1001", target: "sim-a/embed-deploy", model: "gpt-35-turbo", modelVersion: undefined, promptTokens: 1_000_000, completionTokens: 1_000_000, totalTokens: 2_000_000, atMs: Date.parse("2024-07-15T00:00:00Z") }),
];

let gw: TestGateway;
before(async () => {
  const folder = standardConfig({ types: { "sim-a": "PTU" } });
  const platform = folder.platform as Record<string, unknown>;
  platform["auth"] = {
    keys: [
      { key: TEST_KEY, consumer: "team-a" },
      { key: OTHER_KEY, consumer: "team-b" },
    ],
    adminKeys: [{ key: OPERATOR_KEY, roles: ["operator"], name: "ops" }],
  };
  platform["storage"] = { kind: "sqlite", path: "./data/atrium.db" };
  platform["prices"] = { currency: "EUR", models: { "gpt-35-turbo": { input: 1, output: 2 } } };
  (folder.deployments as Record<string, Record<string, unknown>>)["sim-a-chat.json"]!["hourlyCost"] = 1;
  gw = await startTestGateway(folder);
  await new UsageStore(gw.database.db).insert(RECORDS);
});
after(() => gw.close());

async function admin(path: string, key: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${gw.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

type Line = { key: string; cost: number; ptuCost: number; paygCost: number };

test("GET /admin/reports/chargeback: an operator sees every cost centre, PTU split by token share", async () => {
  const { status, body } = await admin("/admin/reports/chargeback?from=2024-07-01&to=2024-07-31", OPERATOR_KEY);
  assert.equal(status, 200);
  assert.equal(body["hours"], 744);
  assert.equal(body["currency"], "EUR");
  const lines = body["lines"] as Line[];
  assert.deepEqual(
    lines.map((l) => [l.key, l.paygCost, l.ptuCost, l.cost]),
    [
      ["1001", 3, 558, 561],
      ["2002", 0, 186, 186],
    ],
  );
});

test("GET /admin/reports/*: a consumer sees only its own line, whatever it asks for", async () => {
  const { status, body } = await admin("/admin/reports/chargeback?from=2024-07-01&to=2024-07-31&by=costCentre", OTHER_KEY);
  assert.equal(status, 200);
  assert.deepEqual((body["lines"] as Line[]).map((l) => [l.key, l.cost]), [["team-b", 186]]);
  assert.ok(!JSON.stringify(body).includes("team-a"), "no other consumer appears anywhere");
  const usage = await admin("/admin/reports/usage?from=2024-07-01&to=2024-07-31", OTHER_KEY);
  assert.deepEqual((usage.body["rows"] as Array<{ key: string; totalTokens: number }>).map((r) => [r.key, r.totalTokens]), [["team-b", 1000]]);
});

test("GET /admin/reports/usage: bad periods and groupings are 400 with the parameter named", async () => {
  const missing = await admin("/admin/reports/usage?from=2024-07-01", OPERATOR_KEY);
  assert.equal(missing.status, 400);
  assert.equal((missing.body["error"] as { param: string }).param, "to");
  const by = await admin("/admin/reports/usage?from=2024-07-01&to=2024-07-31&by=colour", OPERATOR_KEY);
  assert.equal((by.body["error"] as { param: string }).param, "by");
  const unauthenticated = await fetch(`${gw.url}/admin/reports/usage?from=2024-07-01&to=2024-07-31`);
  assert.equal(unauthenticated.status, 401);
});

test("atrium report chargeback|usage reads the configured store: csv, json and table", async () => {
  // The CLI opens the same SQLite file the gateway writes (WAL: readers do not block it).
  const csv = await run(process.execPath, ["--import", "tsx", CLI, "report", "chargeback", "--from", "2024-07-01", "--to", "2024-07-31", "--format", "csv", "--config", gw.dir]);
  const rows = csv.stdout.trim().split("\n").map((l) => l.split(","));
  assert.deepEqual(rows[0], ["costCentre", "requests", "prompt_tokens", "completion_tokens", "cached_tokens", "total_tokens", "payg_EUR", "ptu_EUR", "total_EUR", "unpriced_tokens"]);
  assert.deepEqual(rows[1], ["1001", "2", "1002000", "1001000", "0", "2003000", "3.00", "558.00", "561.00", "0"]);
  assert.deepEqual(rows.at(-1)?.slice(0, 1).concat(rows.at(-1)?.slice(8, 9) ?? []), ["total", "747.00"]);

  const json = await run(process.execPath, ["--import", "tsx", CLI, "report", "usage", "--from", "2024-07-01", "--to", "2024-07-31", "--by", "deployment", "--format", "json", "--config", gw.dir]);
  const usage = JSON.parse(json.stdout) as { rows: Array<{ key: string; requests: number }> };
  assert.deepEqual(usage.rows.map((r) => [r.key, r.requests]), [["sim-a/chat-deploy", 2], ["sim-a/embed-deploy", 1]]);

  const table = await run(process.execPath, ["--import", "tsx", CLI, "report", "chargeback", "--from", "2024-07-01", "--to", "2024-07-31", "--by", "consumer", "--config", gw.dir]);
  assert.match(table.stdout, /PTU sim-a\/chat-deploy: 1\/h × 744 h = 744\.00 EUR/);
  assert.match(table.stdout, /team-a .* 561\.00/);

  await assert.rejects(
    run(process.execPath, ["--import", "tsx", CLI, "report", "chargeback", "--from", "2024-07-31", "--to", "2024-07-01", "--config", gw.dir]),
    (err: { code: number; stderr: string }) => err.code === 1 && /to must be after from/.test(err.stderr),
  );
});
