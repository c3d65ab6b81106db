import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { OTHER_KEY } from "../support/config-dir.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import { ADMIN_KEY, adminCall, auditConfig, chat, EMAIL, eventually, GOVERNANCE_KEY, PHONE, PII_PROMPT, streamedText } from "./audit-kit.js";

// SQLite + the local queue (outbox → in-process worker → store): the embedded default.
let gw: TestGateway;
before(async () => {
  gw = await startTestGateway(
    auditConfig({
      defaultMode: "metadata",
      consumers: { "team-a": { mode: "redacted", sampleRate: 1 }, "team-b": { mode: "full", sampleRate: 0 } },
    }),
  );
});
after(() => gw.close());

interface Detail {
  id: string;
  requestId: string;
  consumer: string;
  mode: string;
  streamed: boolean;
  status: number;
  sampled: boolean;
  pii: Record<string, number> | null;
  prompt: Array<{ role: string; content: string }> | null;
  response: string | null;
  review: { label: string; note: string | null; reviewer: string } | null;
}

async function recordFor(requestId: string): Promise<Detail> {
  let id: string | undefined;
  await eventually(async () => {
    const rows = await gw.database.db.selectFrom("audit_records").select("id").where("request_id", "=", requestId).execute();
    id = rows[0]?.id;
    return id !== undefined;
  });
  assert.ok(id, `an audit record for ${requestId} was stored`);
  const res = await adminCall(gw.url, "GET", `/admin/audit/${id}`, GOVERNANCE_KEY);
  assert.equal(res.status, 200);
  return res.body as unknown as Detail;
}

test("stores JSON and streamed exchanges redacted, one pseudonym map per record, never the raw text", async () => {
  const json = await chat(gw.url, `${PII_PROMPT} Reply to ${EMAIL}.`);
  const stream = await chat(gw.url, PII_PROMPT, { stream: true });
  assert.ok(json.complete && stream.complete);

  const a = await recordFor(json.requestId);
  assert.equal(a.mode, "redacted");
  assert.equal(a.streamed, false);
  assert.deepEqual(a.prompt?.[1], { role: "user", content: "Please email <EMAIL_1> or call <PHONE_1> about my order. Reply to <EMAIL_1>." });
  assert.deepEqual(a.pii, { EMAIL: 2, PHONE: 1 });
  const answer = (JSON.parse(json.text) as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content;
  assert.equal(a.response, answer, "the JSON reply's text, read by the worker");

  const s = await recordFor(stream.requestId);
  assert.equal(s.streamed, true);
  assert.equal(s.prompt?.[1]?.content, "Please email <EMAIL_1> or call <PHONE_1> about my order.");
  assert.equal(s.response, streamedText(stream.text), "the stream's deltas, reassembled");

  const rows = await gw.database.db.selectFrom("audit_records").selectAll().where("consumer", "=", "team-a").execute();
  const stored = JSON.stringify(rows);
  assert.ok(!stored.includes(EMAIL) && !stored.includes("7946"), "no raw e-mail or phone anywhere in team-a's rows");
  assert.ok(rows.every((r) => r.prompt_raw === null && r.response_raw === null));
});

test("full mode keeps raw text for platform-admin only; governance reads the redacted text", async () => {
  const sent = await chat(gw.url, PII_PROMPT, { key: OTHER_KEY, model: "gpt4o" });
  assert.equal(sent.status, 200);
  const record = await recordFor(sent.requestId);
  assert.equal(record.mode, "full");
  assert.equal(record.prompt?.[1]?.content, "Please email <EMAIL_1> or call <PHONE_1> about my order.");

  const denied = await adminCall(gw.url, "GET", `/admin/audit/${record.id}/raw`, GOVERNANCE_KEY);
  assert.equal(denied.status, 403);
  assert.equal(denied.body.error?.code, "permission_denied");
  const raw = await adminCall(gw.url, "GET", `/admin/audit/${record.id}/raw`, ADMIN_KEY);
  assert.equal(raw.status, 200);
  assert.equal((raw.body["prompt"] as Array<{ content: string }>)[1]?.content, PII_PROMPT);

  const redactedOnly = await chat(gw.url, "hello");
  const other = await recordFor(redactedOnly.requestId);
  const none = await adminCall(gw.url, "GET", `/admin/audit/${other.id}/raw`, ADMIN_KEY);
  assert.equal(none.status, 404, "a redacted-mode record has no raw text to show");
  const notGovernance = await adminCall(gw.url, "GET", "/admin/audit", ADMIN_KEY);
  assert.equal(notGovernance.status, 403, "platform-admin does not imply governance");
});

test("the review queue: sampled, filtered, searched over redacted text, reviewed with a label and a note", async () => {
  const mine = await chat(gw.url, `Quarterly summary for ${EMAIL}, ticket ZEBRA-42`);
  await recordFor(mine.requestId);
  const queue = await adminCall(gw.url, "GET", "/admin/audit?sampled=true&reviewed=false&consumer=team-a", GOVERNANCE_KEY);
  assert.equal(queue.status, 200);
  const data = queue.body["data"] as Array<{ id: string; requestId: string; sampled: boolean; consumer: string; preview: string }>;
  assert.ok(data.length >= 2 && data.every((d) => d.sampled && d.consumer === "team-a"));
  const item = data.find((d) => d.requestId === mine.requestId);
  assert.equal(item?.preview, "Quarterly summary for <EMAIL_1>, ticket ZEBRA-42");

  const found = await adminCall(gw.url, "GET", "/admin/audit?q=zebra-42", GOVERNANCE_KEY);
  assert.deepEqual((found.body["data"] as Array<{ requestId: string }>).map((d) => d.requestId), [mine.requestId], "case-insensitive substring");
  const byPlaceholder = await adminCall(gw.url, "GET", `/admin/audit?q=${encodeURIComponent("summary for <EMAIL_1>")}`, GOVERNANCE_KEY);
  assert.equal((byPlaceholder.body["data"] as unknown[]).length, 1);
  const byRaw = await adminCall(gw.url, "GET", `/admin/audit?q=${encodeURIComponent(EMAIL)}`, GOVERNANCE_KEY);
  assert.equal((byRaw.body["data"] as unknown[]).length, 0, "raw values are not searchable: they are not stored");

  const reviewed = await adminCall(gw.url, "POST", `/admin/audit/${item?.id}/review`, GOVERNANCE_KEY, { label: "ok", note: "nothing sensitive left" });
  assert.equal(reviewed.status, 200);
  const review = (reviewed.body as unknown as Detail).review;
  assert.equal(review?.label, "ok");
  assert.equal(review?.note, "nothing sensitive left");
  assert.match(review?.reviewer ?? "", /reviewer/);
  const after = await adminCall(gw.url, "GET", "/admin/audit?sampled=true&reviewed=false&consumer=team-a", GOVERNANCE_KEY);
  assert.ok(!(after.body["data"] as Array<{ id: string }>).some((d) => d.id === item?.id), "a reviewed record leaves the queue");
  const done = await adminCall(gw.url, "GET", "/admin/audit?reviewed=true", GOVERNANCE_KEY);
  assert.deepEqual((done.body["data"] as Array<{ id: string }>).map((d) => d.id), [item?.id]);

  const bad = await adminCall(gw.url, "POST", `/admin/audit/${item?.id}/review`, GOVERNANCE_KEY, { label: "" });
  assert.equal(bad.status, 400);
  assert.equal((await adminCall(gw.url, "POST", "/admin/audit/nope/review", GOVERNANCE_KEY, { label: "ok" })).status, 404);
  assert.equal((await adminCall(gw.url, "GET", "/admin/audit?reviewed=maybe", GOVERNANCE_KEY)).status, 400);
});

test("pages through the list newest first with `next`", async () => {
  const first = await adminCall(gw.url, "GET", "/admin/audit?limit=1", GOVERNANCE_KEY);
  const next = first.body["next"];
  assert.equal(typeof next, "string");
  const second = await adminCall(gw.url, "GET", `/admin/audit?limit=1&after=${encodeURIComponent(String(next))}`, GOVERNANCE_KEY);
  const a = (first.body["data"] as Array<{ id: string; atMs: number }>)[0];
  const b = (second.body["data"] as Array<{ id: string; atMs: number }>)[0];
  assert.ok(a && b && a.id !== b.id && b.atMs <= a.atMs);
});

test("metadata mode keeps no text and off keeps no record, after a reload", async () => {
  const file = join(gw.dir, "atrium.yaml");
  const platform = JSON.parse(readFileSync(file, "utf8")) as { audit: { consumers: Record<string, unknown> } };
  platform.audit.consumers["team-b"] = "metadata";
  writeFileSync(file, JSON.stringify(platform));
  assert.deepEqual(gw.reload(), { ok: true });
  const meta = await chat(gw.url, PII_PROMPT, { key: OTHER_KEY, model: "gpt4o" });
  const record = await recordFor(meta.requestId);
  assert.equal(record.mode, "metadata");
  assert.equal(record.prompt, null);
  assert.equal(record.response, null);
  assert.equal(record.status, 200);

  platform.audit.consumers["team-b"] = "off";
  writeFileSync(file, JSON.stringify(platform));
  assert.deepEqual(gw.reload(), { ok: true });
  const off = await chat(gw.url, PII_PROMPT, { key: OTHER_KEY, model: "gpt4o" });
  const later = await chat(gw.url, "after the one that is not audited");
  await recordFor(later.requestId); // the local queue stores in order: anything before it is stored too
  const rows = await gw.database.db.selectFrom("audit_records").select("id").where("request_id", "=", off.requestId).execute();
  assert.equal(rows.length, 0);
});

test("delivery metrics are on /metrics", async () => {
  const text = await (await fetch(`${gw.url}/metrics`)).text();
  assert.match(text, /atrium_audit_enqueued_total\{mode="redacted"\} [1-9]/);
  assert.match(text, /atrium_audit_stored_total [1-9]/);
  assert.match(text, /atrium_audit_lag_seconds_count [1-9]/);
  assert.match(text, /atrium_outbox_pending_records\{outbox="audit"\} \d/);
  assert.ok(!gw.logs.join("").includes(EMAIL) && !gw.logs.join("").includes(PHONE), "prompts never reach the logs");
});
