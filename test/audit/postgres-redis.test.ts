import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { POSTGRES_URL, dropSchema, uniqueSchema } from "../auth/support/postgres.js";
import { redisForTests, RUN_PREFIX } from "../limits/redis-connection.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import { adminCall, auditConfig, chat, EMAIL, eventually, exited, GOVERNANCE_KEY, PII_PROMPT, spawnCli, streamedText } from "./audit-kit.js";

// The scaled layout: gateways write ahead and XADD to a Redis stream (no worker lanes of their
// own, workers: 0); `atrium audit-worker` processes consume it and store into PostgreSQL.
const { redis, skip, close: closeRedis } = await redisForTests();
const schema = uniqueSchema("t_audit_");
const stream = `${RUN_PREFIX}audit-scaled`;
const group = "audit-workers";
let gw: TestGateway;

before(async () => {
  if (skip) return;
  const config = auditConfig({
    defaultMode: "redacted",
    workers: 0,
    queue: { kind: "redis-streams", url: "redis://127.0.0.1:6379", stream, group, claimIdleMs: 500, batchSize: 50 },
  });
  const platform = config.platform as Record<string, unknown>;
  platform["storage"] = { kind: "postgres", url: POSTGRES_URL, schema };
  (platform["auth"] as Record<string, unknown>)["keySecret"] = "audit-test-key-secret-0123456789";
  gw = await startTestGateway(config);
});

after(async () => {
  await gw?.close();
  if (!skip) await dropSchema(schema);
  await closeRedis();
});

const worker = () => spawnCli(["audit-worker", "--config", gw.dir, "--workers", "2"], /consuming (\S+) in group (\S+)/);

test("gateway → Redis stream → atrium audit-worker → PostgreSQL, redacted and searchable", { skip }, async () => {
  const w = await worker();
  try {
    assert.equal(w.match[1], stream);
    const json = await chat(gw.url, PII_PROMPT);
    const streamed = await chat(gw.url, PII_PROMPT, { stream: true });
    assert.ok(json.complete && streamed.complete);
    const rows = async () => gw.database.db.selectFrom("audit_records").selectAll().where("request_id", "in", [json.requestId, streamed.requestId]).execute();
    assert.ok(await eventually(async () => (await rows()).length === 2, 30_000), "both records reach PostgreSQL through the worker");
    const stored = await rows();
    assert.ok(!JSON.stringify(stored).includes(EMAIL));
    const s = stored.find((r) => r.request_id === streamed.requestId);
    assert.equal(s?.response, streamedText(streamed.text));
    assert.match(s?.prompt ?? "", /Please email <EMAIL_1> or call <PHONE_1>/);

    const found = await adminCall(gw.url, "GET", `/admin/audit?q=${encodeURIComponent("EMAIL_1> OR CALL")}`, GOVERNANCE_KEY);
    assert.equal(found.status, 200);
    assert.equal((found.body["data"] as unknown[]).length, 2, "case-insensitive search on PostgreSQL too");
    const escaped = await adminCall(gw.url, "GET", `/admin/audit?q=${encodeURIComponent("100%_")}`, GOVERNANCE_KEY);
    assert.equal((escaped.body["data"] as unknown[]).length, 0, "% and _ are literal characters, not wildcards");
    assert.equal(await redis?.xlen(stream), 0, "acknowledged entries are deleted from the stream");
  } finally {
    w.child.kill("SIGTERM");
    await exited(w.child);
  }
  assert.equal(w.child.exitCode, 0, "the worker stops cleanly on SIGTERM");
});

test("an entry a dead worker took and never acknowledged is taken over; a duplicate is stored once", { skip }, async () => {
  const r = redis!;
  const record = {
    id: "0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee",
    requestId: "orphaned-1",
    atMs: Date.now(),
    consumer: "team-a",
    environment: "dev",
    operation: "chat",
    mode: "redacted",
    streamed: false,
    status: 200,
    aborted: false,
    sampled: false,
    prompt: [{ role: "user", content: `call me on ${EMAIL}` }],
    responseText: "noted",
  };
  await r.xadd(stream, "*", "r", JSON.stringify(record));
  // A worker that read it and died: the entry stays pending on its name.
  const taken = await r.call("XREADGROUP", "GROUP", group, "dead-worker", "COUNT", 10, "STREAMS", stream, ">");
  assert.ok(Array.isArray(taken), "the dead worker took the entry");
  await r.xadd(stream, "*", "r", JSON.stringify(record)); // the producer's outbox replayed it too
  await r.xadd(stream, "*", "r", "not json"); // a poison entry must not block the group

  const w = await worker();
  try {
    const rows = async () => gw.database.db.selectFrom("audit_records").selectAll().where("request_id", "=", "orphaned-1").execute();
    assert.ok(await eventually(async () => (await rows()).length > 0 && (await r.xlen(stream)) === 0, 30_000), "taken over after claimIdleMs, then acknowledged");
    const stored = await rows();
    assert.equal(stored.length, 1, "at-least-once delivery, stored once");
    assert.equal(stored[0]?.prompt, JSON.stringify([{ role: "user", content: "call me on <EMAIL_1>" }]));
    const pending = (await r.call("XPENDING", stream, group)) as unknown[];
    assert.equal(pending[0], 0, "nothing left pending in the group");
  } finally {
    w.child.kill("SIGTERM");
    await exited(w.child);
  }
});
