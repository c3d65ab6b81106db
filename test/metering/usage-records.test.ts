import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { encode, encodeChat } from "gpt-tokenizer/encoding/cl100k_base";
import type { UsageRecord } from "../../src/core/usage-record.js";
import { UsageStore } from "../../src/store/usage/usage-store.js";
import { standardConfig, TEST_KEY } from "../support/config-dir.js";
import { chatChunks, chatCompletion, readJson, sendJson, sendStream, startFakeUpstream, type FakeUpstream, type RecordedRequest } from "../support/fake-upstream.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import type { ServerResponse } from "node:http";

/** Distinctive counts, cached tokens included, so a record can only match by copying them. */
const UP_USAGE = { prompt_tokens: 31, completion_tokens: 17, total_tokens: 48, prompt_tokens_details: { cached_tokens: 8 } };
const PROMPT = "Metering has to be right to the token. ".repeat(40) + "Summarise the platform's chargeback rules for a finance reader.";
const WORDS = "Usage records are written ahead to an outbox and then batched into the store, so a killed gateway loses none of them.".split(/(?= )/);
const MESSAGES = [
  { role: "system", content: "You are terse." },
  { role: "user", content: PROMPT },
];

type Mode = "usage" | "none" | "slow";
let mode: Mode = "usage";
let upstream: FakeUpstream;
let gw: TestGateway;
let store: UsageStore;

function behave(req: RecordedRequest, res: ServerResponse): Promise<void> | void {
  const body = readJson(req);
  const stream = body["stream"] === true;
  const asked = (body["stream_options"] as { include_usage?: boolean } | undefined)?.include_usage === true;
  if (mode === "slow") return sendStream(res, chatChunks([...WORDS, ...WORDS, ...WORDS], false), { gapMs: 30 });
  if (!stream) {
    const reply = chatCompletion(WORDS.join(""), UP_USAGE) as Record<string, unknown>;
    if (mode === "none") delete reply["usage"];
    return sendJson(res, 200, reply);
  }
  // An upstream that honours include_usage (mode usage) or ignores it (mode none).
  return sendStream(res, chatChunks(WORDS, mode === "usage" && asked, UP_USAGE));
}

before(async () => {
  upstream = await startFakeUpstream(behave);
  gw = await startTestGateway(standardConfig({ resources: { up: { provider: "openai-compatible", endpoint: upstream.url } } }));
  store = new UsageStore(gw.database.db);
});
after(async () => {
  await gw.close();
  await upstream.close();
});

async function call(body: Record<string, unknown>, requestId = randomUUID(), key = TEST_KEY): Promise<{ requestId: string; res: Response; text: string }> {
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "x-request-id": requestId },
    body: JSON.stringify({ model: "gpt35", messages: MESSAGES, ...body }),
  });
  return { requestId, res, text: await res.text() };
}

/** The record as the store has it: the outbox flushes in the background, so wait for it. */
async function stored(requestId: string): Promise<UsageRecord> {
  for (let i = 0; i < 200; i++) {
    const records = await store.byRequestId(requestId);
    if (records.length > 0) {
      assert.equal(records.length, 1, "exactly one record per request");
      return records[0] as UsageRecord;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no usage record for ${requestId}`);
}

const events = (text: string) =>
  text
    .split("\n\n")
    .filter((e) => e.startsWith("data: ") && e !== "data: [DONE]")
    .map((e) => JSON.parse(e.slice(6)) as { usage?: unknown; choices: unknown[] });

function withinTwoPercent(actual: number, reference: number, what: string): void {
  assert.ok(Math.abs(actual - reference) <= reference * 0.02, `${what}: ${actual} is not within 2% of ${reference}`);
}

test("a JSON call's record equals the upstream's usage, with who, what and where", async () => {
  mode = "usage";
  const { requestId, res } = await call({});
  assert.equal(res.status, 200);
  const r = await stored(requestId);
  assert.deepEqual(
    [r.promptTokens, r.completionTokens, r.totalTokens, r.cachedTokens, r.usageSource],
    [31, 17, 48, 8, "provider"],
  );
  assert.equal(r.consumer, "team-a");
  assert.equal(r.costCentre, "1001");
  assert.equal(r.environment, "dev");
  assert.equal(r.outsideName, "gpt35");
  assert.equal(r.platformDeployment, "chat-deploy");
  assert.equal(r.target, "up/chat-deploy");
  assert.equal(r.deploymentType, "PAYG");
  assert.deepEqual([r.model, r.modelVersion], ["gpt-35-turbo", "0613"]);
  assert.deepEqual([r.status, r.errorCode, r.streamed, r.aborted, r.attempts], [200, undefined, false, false, 1]);
  assert.ok(r.latencyMs > 0 && r.firstByteMs !== undefined);
});

test("a stream without include_usage: the client gets no usage chunk, the record has the upstream's usage", async () => {
  mode = "usage";
  const { requestId, text } = await call({ stream: true });
  assert.ok(text.endsWith("data: [DONE]\n\n"));
  assert.ok(events(text).every((e) => !e.usage), "no usage reached the client");
  const r = await stored(requestId);
  assert.deepEqual([r.promptTokens, r.completionTokens, r.totalTokens, r.cachedTokens, r.usageSource], [31, 17, 48, 8, "provider"]);
  assert.equal(r.streamed, true);
  assert.ok(r.firstByteMs !== undefined && r.firstByteMs <= r.latencyMs, "time to first token is measured");
});

test("a stream with include_usage: the client's last chunk and the record both carry the upstream's usage", async () => {
  mode = "usage";
  const { requestId, text } = await call({ stream: true, stream_options: { include_usage: true } });
  assert.deepEqual(events(text).at(-1)?.usage, UP_USAGE);
  const r = await stored(requestId);
  assert.deepEqual([r.promptTokens, r.completionTokens, r.totalTokens, r.cachedTokens, r.usageSource], [31, 17, 48, 8, "provider"]);
});

test("without upstream usage the tokenizer counts, within 2% of gpt-tokenizer's reference (stream and JSON)", async () => {
  mode = "none";
  const promptReference = encodeChat(MESSAGES as Parameters<typeof encodeChat>[0], "gpt-3.5-turbo").length;
  const completionReference = encode(WORDS.join("")).length;
  for (const stream of [true, false]) {
    const { requestId, res } = await call(stream ? { stream: true, stream_options: { include_usage: true } } : {});
    assert.equal(res.status, 200);
    const r = await stored(requestId);
    assert.equal(r.usageSource, "tokenizer", `stream=${stream}`);
    withinTwoPercent(r.promptTokens, promptReference, `prompt tokens, stream=${stream}`);
    withinTwoPercent(r.completionTokens, completionReference, `completion tokens, stream=${stream}`);
    assert.equal(r.totalTokens, r.promptTokens + r.completionTokens);
  }
});

test("an aborted stream is recorded as aborted and pays for what was delivered only", async () => {
  mode = "slow";
  const requestId = randomUUID();
  const controller = new AbortController();
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json", "x-request-id": requestId },
    body: JSON.stringify({ model: "gpt35", messages: MESSAGES, stream: true }),
    signal: controller.signal,
  });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  let received = "";
  while ((received.match(/\n\n/g) ?? []).length < 4) received += new TextDecoder().decode((await reader.read()).value);
  controller.abort();
  const r = await stored(requestId);
  assert.equal(r.aborted, true);
  assert.equal(r.usageSource, "tokenizer");
  const full = encode(WORDS.join("").repeat(3)).length;
  assert.ok(r.completionTokens > 0 && r.completionTokens < full / 2, `${r.completionTokens} tokens of ${full} delivered`);
  assert.ok(r.promptTokens > 400, "the prompt is paid in full");
});

test("a refused request has a record too: status, code, no consumer", async () => {
  const { requestId, res } = await call({}, randomUUID(), "not-a-key-but-long-enough");
  assert.equal(res.status, 401);
  const r = await stored(requestId);
  assert.deepEqual([r.status, r.errorCode, r.consumer, r.totalTokens, r.attempts], [401, "invalid_api_key", undefined, 0, 0]);
});

test("a client that reuses its x-request-id is billed for each request", async () => {
  mode = "usage";
  const requestId = randomUUID();
  await call({}, requestId);
  await call({}, requestId);
  for (let i = 0; i < 200 && (await store.byRequestId(requestId)).length < 2; i++) await new Promise((r) => setTimeout(r, 25));
  const records = await store.byRequestId(requestId);
  assert.equal(records.length, 2);
  assert.notEqual(records[0]?.id, records[1]?.id);
});
