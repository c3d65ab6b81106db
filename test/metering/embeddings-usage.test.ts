import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { UsageRecord } from "../../src/core/usage-record.js";
import { UsageStore } from "../../src/store/usage/usage-store.js";
import { standardConfig, TEST_KEY } from "../support/config-dir.js";
import { startFakeUpstream, type FakeUpstream } from "../support/fake-upstream.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";

/**
 * Embeddings replies are passed on as the upstream's bytes, and their usage is read from the end
 * of the body when it is the last member. These cases check the bytes, the counts, and the bodies
 * where that shortcut must not apply (usage elsewhere, decoys, none, not JSON).
 */

const USAGE = { prompt_tokens: 37, total_tokens: 37 };
const vector = Array.from({ length: 1536 }, (_, i) => Math.sin(i) / 16);
const data = [{ object: "embedding", index: 0, embedding: vector }];

/** What the fake upstream sends next: the body's pieces, written 5 ms apart. */
let pieces: string[] = [];
let upstream: FakeUpstream;
let gw: TestGateway;
let store: UsageStore;

async function send(res: ServerResponse): Promise<void> {
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(pieces.join("")) });
  for (const [i, piece] of pieces.entries()) {
    if (i > 0) await new Promise((r) => setTimeout(r, 5));
    res.write(piece);
  }
  res.end();
}

before(async () => {
  upstream = await startFakeUpstream((_req, res) => send(res));
  const members = [{ resource: "up", priority: 1, weight: 1 }];
  gw = await startTestGateway(
    standardConfig({
      resources: { up: { provider: "openai-compatible", endpoint: upstream.url } },
      // One try per request and no circuit to open: each broken body is judged on its own.
      extraPlatform: { pools: { "chat-pool": members, "embed-pool": { members, retry: { maxAttempts: 1 }, breaker: { failures: 1000 } } } },
    }),
  );
  store = new UsageStore(gw.database.db);
});
after(async () => {
  await gw.close();
  await upstream.close();
});

async function embed(body: string | string[]): Promise<{ res: Response; bytes: Buffer; record: () => Promise<UsageRecord> }> {
  pieces = Array.isArray(body) ? body : [body];
  const requestId = randomUUID();
  const res = await fetch(`${gw.url}/v1/embeddings`, {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json", "x-request-id": requestId },
    body: JSON.stringify({ model: "embed", input: "The platform meters every token." }),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { res, bytes, record: () => stored(requestId) };
}

/** The record as the store has it: the outbox flushes in the background, so wait for it. */
async function stored(requestId: string): Promise<UsageRecord> {
  for (let i = 0; i < 200; i++) {
    const records = await store.byRequestId(requestId);
    if (records.length > 0) return records[0] as UsageRecord;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no usage record for ${requestId}`);
}

const counts = (r: UsageRecord) => [r.promptTokens, r.completionTokens, r.totalTokens, r.usageSource];

test("a 1536-dimension reply reaches the client byte for byte, and its usage is metered", async () => {
  // Pretty-printed with a trailing newline: any re-serialisation would show.
  const body = `${JSON.stringify({ object: "list", data, model: "text-embedding-ada-002", usage: USAGE }, null, 2)}\n`;
  const { res, bytes, record } = await embed(body);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-length"), String(Buffer.byteLength(body)));
  assert.ok(bytes.equals(Buffer.from(body)), "the body the client got is the upstream's");
  assert.deepEqual(counts(await record()), [37, 0, 37, "provider"]);
});

test("a reply that arrives in pieces is passed on whole, usage included", async () => {
  const body = JSON.stringify({ object: "list", data: [{ object: "embedding", index: 0, embedding: "AAAAPwAAgD8=".repeat(600) }], model: "m", usage: USAGE });
  const cuts = [0, 4000, 7190, body.length - 10, body.length];
  const { res, bytes, record } = await embed(cuts.slice(1).map((end, i) => body.slice(cuts[i], end)));
  assert.equal(res.status, 200);
  assert.ok(bytes.equals(Buffer.from(body)));
  assert.deepEqual(counts(await record()), [37, 0, 37, "provider"]);
});

test("usage that is not the last member is still the one metered", async () => {
  const { bytes, record } = await embed(JSON.stringify({ usage: USAGE, object: "list", data, model: "m" }));
  assert.equal(JSON.parse(bytes.toString()).usage.prompt_tokens, 37);
  assert.deepEqual(counts(await record()), [37, 0, 37, "provider"]);
});

test("a nested `usage` or a key ending in `\"usage` at the end is not taken for the reply's usage", async () => {
  const decoy = { prompt_tokens: 999, total_tokens: 999 };
  const nested = await embed(JSON.stringify({ usage: USAGE, object: "list", data, meta: { usage: decoy } }));
  assert.deepEqual(counts(await nested.record()), [37, 0, 37, "provider"]);
  const inArray = await embed(JSON.stringify({ usage: USAGE, object: "list", data: [...data, { usage: decoy }] }));
  assert.deepEqual(counts(await inArray.record()), [37, 0, 37, "provider"]);
  const escaped = await embed(JSON.stringify({ usage: USAGE, object: "list", data, 'x"usage': decoy }));
  assert.ok(escaped.bytes.toString().includes('"x\\"usage":{'), "the decoy key is on the wire as written");
  assert.deepEqual(counts(await escaped.record()), [37, 0, 37, "provider"]);
});

test("a reply without usage is counted by the tokenizer", async () => {
  const { res, record } = await embed(JSON.stringify({ object: "list", data, model: "m" }));
  assert.equal(res.status, 200);
  const r = await record();
  assert.equal(r.usageSource, "tokenizer");
  assert.ok(r.promptTokens > 0 && r.totalTokens === r.promptTokens);
});

test("a body that is not JSON fails over like any broken member: no 200 with a broken body", async () => {
  for (const body of ["<html>Service restarting</html>", "", '{"object":"list","usage":{"prompt_tokens":1}']) {
    const { res, bytes } = await embed(body);
    // The pool's only member failed: the pool cannot serve, and says why.
    assert.equal(res.status, 503, JSON.stringify(body));
    const error = JSON.parse(bytes.toString()).error;
    assert.equal(error.code, "service_unavailable");
    assert.match(error.message, /not JSON/);
  }
});
