import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { generateKey } from "../../src/store/keys/api-key-format.js";
import { OTHER_KEY, TEST_KEY, writeConfigDir } from "../support/config-dir.js";
import { runCli } from "../support/run-cli.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import { adminCall, auditConfig, chat, eventually, GOVERNANCE_KEY } from "./audit-kit.js";

// Atrium's own credentials pasted into a prompt: a subscription key (atr_…), the static keys and
// admin keys the config holds. None may reach the store, or the reviewer, verbatim.
const SUBSCRIPTION_KEY = generateKey().key;
const ADMIN_IN_PROMPT = GOVERNANCE_KEY;

let gw: TestGateway;
before(async () => {
  gw = await startTestGateway(auditConfig({ defaultMode: "metadata", consumers: { "team-a": { mode: "redacted", sampleRate: 1 } } }));
});
after(() => gw.close());

test("subscription keys, static keys and admin keys in a prompt are stored as <SECRET>", async () => {
  const prompt = `My keys: ${SUBSCRIPTION_KEY} and ${OTHER_KEY}, the admin one is ${ADMIN_IN_PROMPT} (mine: ${TEST_KEY}).`;
  const sent = await chat(gw.url, prompt);
  assert.equal(sent.status, 200);
  let row: { id: string; prompt: string | null; pii: string | null } | undefined;
  await eventually(async () => {
    row = await gw.database.db.selectFrom("audit_records").select(["id", "prompt", "pii"]).where("request_id", "=", sent.requestId).executeTakeFirst();
    return row !== undefined;
  });
  assert.ok(row, "the record was stored");
  const stored = JSON.stringify(row);
  for (const secret of [SUBSCRIPTION_KEY, OTHER_KEY, ADMIN_IN_PROMPT, TEST_KEY]) assert.ok(!stored.includes(secret), `${secret.slice(0, 8)}… is not stored`);
  const content = (JSON.parse(row.prompt ?? "[]") as Array<{ content: string }>)[1]?.content;
  assert.equal(content, "My keys: <SECRET_1> and <SECRET_2>, the admin one is <SECRET_3> (mine: <SECRET_4>).");
  assert.deepEqual(JSON.parse(row.pii ?? "{}"), { SECRET: 4 });

  const review = await adminCall(gw.url, "GET", `/admin/audit?sampled=true&reviewed=false`, GOVERNANCE_KEY);
  assert.equal(review.status, 200);
  const detail = await adminCall(gw.url, "GET", `/admin/audit/${row.id}`, GOVERNANCE_KEY);
  for (const secret of [SUBSCRIPTION_KEY, OTHER_KEY, ADMIN_IN_PROMPT, TEST_KEY]) {
    assert.ok(!JSON.stringify(review.body).includes(secret) && !JSON.stringify(detail.body).includes(secret), "the reviewer never sees it");
  }
});

test("atrium redact finds subscription keys alone, and a config's keys with --config", () => {
  const input = `${JSON.stringify({ id: 1, text: `key ${SUBSCRIPTION_KEY} and ${TEST_KEY}` })}\n`;
  const plain = runCli(["redact"], input);
  assert.equal(plain.status, 0, plain.stderr);
  assert.deepEqual(JSON.parse(plain.stdout), { id: 1, text: `key <SECRET> and ${TEST_KEY}` }, "a static key has no shape to know it by");

  const { dir, remove } = writeConfigDir(auditConfig({}));
  try {
    const withConfig = runCli(["redact", "--config", dir], input);
    assert.equal(withConfig.status, 0, withConfig.stderr);
    assert.deepEqual(JSON.parse(withConfig.stdout), { id: 1, text: "key <SECRET> and <SECRET>" });
  } finally {
    remove();
  }
});
