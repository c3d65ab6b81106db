import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { OTHER_KEY } from "../support/config-dir.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import { redisForTests, RUN_PREFIX, type RedisForTests } from "../limits/redis-connection.js";
import { auditConfig, chat, eventually, PII_PROMPT } from "./audit-kit.js";
import { switchProxy, type SwitchProxy } from "./switch-proxy.js";

// Redis Streams as the queue, reached through a proxy the test takes down: the queue becomes
// unreachable, the backlog passes audit.maxBacklog, and the fail-closed consumer is refused.
const redis: RedisForTests = await redisForTests();
let proxy: SwitchProxy;
let gw: TestGateway;
const stream = `${RUN_PREFIX}audit-fail-closed`;

before(async () => {
  if (redis.skip) return;
  proxy = await switchProxy(6379, false);
  gw = await startTestGateway(
    auditConfig({
      defaultMode: "redacted",
      maxBacklog: 3,
      queue: { kind: "redis-streams", url: `redis://127.0.0.1:${proxy.port}`, stream, group: "workers", claimIdleMs: 1000 },
      workers: 1,
      consumers: { "team-a": { failClosed: true } },
    }),
  );
});

after(async () => {
  await gw?.close();
  await proxy?.close();
  await redis.close();
});

test("a fail-closed consumer gets 503 while the queue is unreachable past maxBacklog; others are served; all is stored once it returns", { skip: redis.skip }, async () => {
  const served: string[] = [];
  for (let i = 0; i < 4; i++) {
    const r = await chat(gw.url, `${PII_PROMPT} (${i})`);
    assert.equal(r.status, 200, "within the backlog bound the request is served");
    served.push(r.requestId);
  }
  // The fourth record put the backlog over 3: from now on team-a waits for the queue.
  let refused: Awaited<ReturnType<typeof chat>> | undefined;
  assert.ok(
    await eventually(async () => {
      refused = await chat(gw.url, PII_PROMPT);
      if (refused.status === 200) served.push(refused.requestId);
      return refused.status === 503;
    }),
  );
  const error = (JSON.parse(refused?.text ?? "{}") as { error: { code: string; message: string } }).error;
  assert.equal(error.code, "service_unavailable");
  assert.match(error.message, /audit/);

  const other = await chat(gw.url, PII_PROMPT, { key: OTHER_KEY, model: "gpt4o" });
  assert.equal(other.status, 200, "a consumer that is not fail-closed is served, its record waits on disk");
  served.push(other.requestId);
  const metrics = await (await fetch(`${gw.url}/metrics`)).text();
  assert.match(metrics, /atrium_audit_refused_total\{consumer="team-a"\} [1-9]/);

  proxy.set(true);
  assert.ok(await eventually(async () => (await chat(gw.url, "back again")).status === 200, 60_000), "team-a is served again once the backlog drains");
  assert.ok(
    await eventually(async () => {
      const rows = await gw.database.db.selectFrom("audit_records").select("request_id").execute();
      const ids = new Set(rows.map((r) => r.request_id));
      return served.every((id) => ids.has(id));
    }, 60_000),
    "records written during the outage reach the store through the stream",
  );
  const refusedRows = await gw.database.db.selectFrom("audit_records").select("id").where("request_id", "=", refused?.requestId ?? "").execute();
  assert.equal(refusedRows.length, 0, "a refused request never reached a model, so it has no record");
});
