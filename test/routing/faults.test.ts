import { test } from "node:test";
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { chatChunks, chatCompletion, sendJson, sendStream, startFakeUpstream, type FakeUpstream, type UpstreamHandler } from "../support/fake-upstream.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import { chat, closedPortUrl, content, healthy, isStream, poolConfig, rateLimited, sseData, usageRecord } from "./pool-kit.js";

/**
 * Each failure mode against a pool of two members: `a` (priority 1) misbehaves, `b` (priority 2)
 * is healthy. Before the first byte, every failure fails over invisibly; after it, a stream ends
 * with an error event and never with [DONE].
 */
interface Rig {
  gw: TestGateway;
  a: FakeUpstream;
  b: FakeUpstream;
}

async function withRig(handler: UpstreamHandler | "closed", settings: Record<string, unknown>, run: (rig: Rig) => Promise<void>): Promise<void> {
  const a = await startFakeUpstream(handler === "closed" ? healthy("a") : handler);
  const b = await startFakeUpstream(healthy("b"));
  const aUrl = handler === "closed" ? await closedPortUrl() : a.url;
  // A high breaker threshold keeps every request going to `a` first, so each one meets the fault.
  const gw = await startTestGateway(poolConfig([{ id: "a", url: aUrl, priority: 1 }, { id: "b", url: b.url, priority: 2 }], { breaker: { failures: 1000 }, ...settings }));
  try {
    await run({ gw, a, b });
  } finally {
    await a.close();
    await b.close();
    await gw.close();
  }
}

async function assertInvisibleFailover(rig: Rig): Promise<void> {
  for (const stream of [false, true, false, true, false, true]) {
    const answer = await chat(rig.gw, stream);
    assert.equal(answer.status, 200, answer.text);
    assert.equal(content(answer), "from b");
    assert.equal(answer.headers.get("x-atrium-target"), "b/chat-deploy");
    assert.equal(answer.headers.get("x-atrium-attempts"), "2");
    if (stream) assert.equal(sseData(answer.text).at(-1), "[DONE]");
    const record = usageRecord(rig.gw, answer.requestId);
    assert.equal(record?.target, "b/chat-deploy");
    assert.equal(record?.attempts, 2);
    assert.equal(record?.status, 200);
    assert.equal(record?.errorCode, undefined);
  }
}

const serverError = (status: number): UpstreamHandler => (_req, res) => sendJson(res, status, { error: { message: "boom", type: "server_error" } });

function destroySoon(res: ServerResponse): void {
  setTimeout(() => res.socket?.destroy(), 20);
}

const beforeFirstByte: Array<{ name: string; handler: UpstreamHandler | "closed"; settings?: Record<string, unknown> }> = [
  { name: "500", handler: serverError(500) },
  { name: "503", handler: serverError(503) },
  { name: "connection refused (closed port)", handler: "closed" },
  {
    name: "reset mid-response (socket destroyed after headers)",
    handler: (req, res) => {
      res.writeHead(200, { "content-type": isStream(req) ? "text/event-stream" : "application/json" });
      res.write(isStream(req) ? ": keep-alive\n\n" : '{"id":"chatcmpl-1","choices":[');
      destroySoon(res);
    },
  },
  { name: "hang before headers (first-byte timeout)", handler: () => {}, settings: { timeouts: { firstByteMs: 250 } } },
  {
    name: "hang after headers, before the first event (idle timeout)",
    handler: (req, res) => {
      res.writeHead(200, { "content-type": isStream(req) ? "text/event-stream" : "application/json" });
      res.flushHeaders();
    },
    settings: { timeouts: { idleMs: 250 } },
  },
  {
    name: "malformed JSON",
    handler: (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"id":"chatcmpl-1","choices":[');
    },
  },
  {
    name: "malformed SSE",
    handler: (_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end('data: {"id":"chatcmpl-1","choi\n\ndata: [DONE]\n\n');
    },
  },
  {
    name: "redirect (307) elsewhere",
    handler: (_req, res) => {
      res.writeHead(307, { location: "http://127.0.0.1:9/v1/chat/completions" });
      res.end();
    },
  },
];

for (const fault of beforeFirstByte) {
  test(`${fault.name}: requests and streams fail over to the next member with no client-visible error`, async () => {
    await withRig(fault.handler, fault.settings ?? {}, async (rig) => {
      await assertInvisibleFailover(rig);
      if (fault.handler !== "closed") assert.equal(rig.a.requests.length, 6);
      assert.equal(rig.b.requests.length, 6);
    });
  });
}

test("a 429 burst with retry-after fails over and cools the member: it is asked once, not per request", async () => {
  const handler: UpstreamHandler = (_req, res) => rateLimited(res, { "retry-after": "30" });
  await withRig(handler, {}, async ({ gw, a, b }) => {
    const answers = [];
    for (const stream of [false, true, false, true, false, true]) answers.push(await chat(gw, stream));
    for (const answer of answers) {
      assert.equal(answer.status, 200);
      assert.equal(content(answer), "from b");
    }
    assert.deepEqual(answers.map((x) => x.headers.get("x-atrium-attempts")), ["2", "1", "1", "1", "1", "1"]);
    assert.equal(a.requests.length, 1);
    assert.equal(b.requests.length, 6);
  });
});

/** After the first event reached the client there is no failover: an error event ends the stream. */
async function assertCutStream(rig: Rig, code: string): Promise<void> {
  const answer = await chat(rig.gw, true);
  assert.equal(answer.status, 200);
  const data = sseData(answer.text);
  assert.ok(data.length >= 2, answer.text);
  assert.notEqual(data.at(-1), "[DONE]");
  assert.ok(!data.includes("[DONE]"));
  const last = JSON.parse(data.at(-1) ?? "{}") as { error?: { code?: string } };
  assert.equal(last.error?.code, code);
  assert.equal(rig.b.requests.length, 0);
  const record = usageRecord(rig.gw, answer.requestId);
  assert.equal(record?.target, "a/chat-deploy");
  assert.equal(record?.errorCode, code);
}

const twoEvents = (): string[] => chatChunks(["Hel", "lo"], true).slice(0, 2);

test("a stream reset mid-way ends with an error event, not [DONE]", async () => {
  const handler: UpstreamHandler = (_req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    for (const e of twoEvents()) res.write(e);
    destroySoon(res);
  };
  await withRig(handler, {}, (rig) => assertCutStream(rig, "upstream_error"));
});

test("a stream that hangs mid-way is cut by the idle timeout with an error event", async () => {
  const handler: UpstreamHandler = (_req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    for (const e of twoEvents()) res.write(e);
  };
  await withRig(handler, { timeouts: { idleMs: 250 } }, (rig) => assertCutStream(rig, "upstream_timeout"));
});

test("malformed SSE mid-stream ends with an error event", async () => {
  const handler: UpstreamHandler = (_req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    for (const e of twoEvents()) res.write(e);
    setTimeout(() => res.end("data: {not json\n\n"), 20);
  };
  await withRig(handler, {}, (rig) => assertCutStream(rig, "upstream_error"));
});

test("a slow trickle within the idle timeout is healthy: streams and bodies complete from the first member", async () => {
  const handler: UpstreamHandler = async (req, res) => {
    if (isStream(req)) return sendStream(res, chatChunks(["a ", "slow ", "but ", "steady ", "stream"], true), { gapMs: 60 });
    const text = JSON.stringify(chatCompletion("from a"));
    res.writeHead(200, { "content-type": "application/json" });
    for (let i = 0; i < text.length; i += 40) {
      res.write(text.slice(i, i + 40));
      await new Promise((r) => setTimeout(r, 20));
    }
    res.end();
  };
  await withRig(handler, { timeouts: { idleMs: 2000 } }, async ({ gw, b }) => {
    const streamed = await chat(gw, true);
    assert.equal(content(streamed), "a slow but steady stream");
    assert.equal(sseData(streamed.text).at(-1), "[DONE]");
    assert.equal(streamed.headers.get("x-atrium-target"), "a/chat-deploy");
    const whole = await chat(gw, false);
    assert.equal(whole.status, 200);
    assert.equal(content(whole), "from a");
    assert.equal(b.requests.length, 0);
  });
});

test("timeouts.totalMs cuts a trickling stream with an error event once it runs out", async () => {
  const handler: UpstreamHandler = (_req, res) => sendStream(res, chatChunks(Array.from({ length: 40 }, () => "x"), true), { gapMs: 50 });
  await withRig(handler, { timeouts: { idleMs: 2000, totalMs: 300 } }, (rig) => assertCutStream(rig, "upstream_timeout"));
});
