import { test } from "node:test";
import assert from "node:assert/strict";
import { request, type IncomingMessage } from "node:http";
import type { ServerResponse } from "node:http";
import { TEST_KEY } from "../support/config-dir.js";
import { chatChunks, startFakeUpstream, type FakeUpstream, type UpstreamHandler } from "../support/fake-upstream.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import { chat, healthy, poolConfig, sleep, sseData, usageRecord } from "./pool-kit.js";

/** 40 MB of events: far more than the loopback sockets between the three processes can hold. */
const EVENTS = 10_000;
const WORD = "x".repeat(4096);

interface Flood {
  handler: UpstreamHandler;
  written(): number;
  /** The upstream's socket is full and it waits for it to drain. */
  blocked(): boolean;
  /** The gateway let go of the upstream response before it was complete. */
  cancelled(): boolean;
}

/** An upstream that writes as fast as its socket takes it, counting what it managed to write. */
function flood(): Flood {
  let written = 0;
  let blocked = false;
  let cancelled = false;
  const events = chatChunks([WORD], true);
  const [, word = "", , usage = ""] = events;
  const send = async (res: ServerResponse): Promise<void> => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.on("close", () => (cancelled ||= !res.writableFinished));
    for (let i = 0; i < EVENTS; i++) {
      if (res.destroyed) return;
      written++;
      if (!res.write(word)) {
        blocked = true;
        await new Promise((resolve) => {
          res.once("drain", resolve);
          res.once("close", resolve);
        });
        blocked = false;
      }
    }
    res.write(usage);
    res.end("data: [DONE]\n\n");
  };
  return { handler: (_req, res) => send(res), written: () => written, blocked: () => blocked, cancelled: () => cancelled };
}

function openStream(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" } }, resolve);
    req.on("error", reject);
    req.end(JSON.stringify({ model: "gpt35", stream: true, messages: [{ role: "user", content: "Hello" }] }));
  });
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 20_000) assert.fail(`gave up waiting: ${what}`);
    await sleep(20);
  }
}

/** A flooding upstream as the only member of team-a's pool, and the gateway in front of it. */
async function withFlood(run: (up: Flood, a: FakeUpstream, gw: TestGateway) => Promise<void>): Promise<void> {
  const up = flood();
  const a = await startFakeUpstream(up.handler);
  const gw = await startTestGateway(poolConfig([{ id: "a", url: a.url }]));
  try {
    await run(up, a, gw);
  } finally {
    await a.close();
    await gw.close();
  }
}

test("a client that stops reading stalls the upstream: nothing is buffered, and nothing is lost when it reads again", { timeout: 60_000 }, () =>
  withFlood(async (up, _a, gw) => {
    const res = await openStream(gw.url);
    assert.equal(res.statusCode, 200);
    res.pause();
    await until(up.blocked, "the upstream's socket to fill");
    // Time for a gateway that buffered to read on; one that pauses stays where it is.
    await sleep(500);
    const whileStalled = up.written();
    assert.ok(up.blocked(), "the upstream is still waiting for its socket to drain");
    assert.ok(whileStalled < EVENTS * 0.75, `the upstream wrote ${whileStalled} of ${EVENTS} events while the client read nothing`);

    res.setEncoding("utf8");
    let text = "";
    for await (const chunk of res) text += chunk as string;
    const data = sseData(text);
    assert.equal(data.at(-1), "[DONE]");
    const words = data.filter((d) => d.includes(WORD)).length;
    assert.equal(words, EVENTS, "every event reached the client");
  }),
);

test("a member that breaks mid-stream counts against its circuit breaker", async () => {
  const breaks: UpstreamHandler = (_req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    for (const e of chatChunks(["Hel", "lo"], true).slice(0, 2)) res.write(e);
    setTimeout(() => res.socket?.destroy(), 20);
  };
  const a = await startFakeUpstream(breaks);
  const b = await startFakeUpstream(healthy("b"));
  const gw = await startTestGateway(
    poolConfig(
      [
        { id: "a", url: a.url, priority: 1 },
        { id: "b", url: b.url, priority: 2 },
      ],
      { breaker: { failures: 1, cooldownMs: 60_000 } },
    ),
  );
  try {
    const cut = await chat(gw, true);
    assert.equal(cut.headers.get("x-atrium-target"), "a/chat-deploy");
    assert.notEqual(sseData(cut.text).at(-1), "[DONE]");
    const next = await chat(gw, true);
    assert.equal(next.headers.get("x-atrium-target"), "b/chat-deploy");
    assert.equal(next.headers.get("x-atrium-attempts"), "1", "the open circuit is skipped, not tried");
    assert.equal(sseData(next.text).at(-1), "[DONE]");
    assert.equal(a.requests.length, 1);
  } finally {
    await a.close();
    await b.close();
    await gw.close();
  }
});

test("a client that leaves while the stream is stalled releases the upstream, and is metered as aborted", { timeout: 60_000 }, () =>
  withFlood(async (up, a, gw) => {
    const res = await openStream(gw.url);
    const requestId = String(res.headers["x-request-id"]);
    res.pause();
    await until(up.blocked, "the upstream's socket to fill");
    res.destroy();
    await until(up.cancelled, "the gateway to close the upstream response");
    await until(() => usageRecord(gw, requestId) !== undefined, "the aborted stream's usage record");
    assert.equal(usageRecord(gw, requestId)?.aborted, true);
    a.handle(healthy("a"));
    const after = await chat(gw, true);
    assert.equal(sseData(after.text).at(-1), "[DONE]", "the gateway serves the next stream");
  }),
);

test("a client that leaves while the upstream is still thinking cancels the upstream request, and is metered as aborted", { timeout: 60_000 }, async () => {
  let arrived = false;
  let cancelled = false;
  const a = await startFakeUpstream((_req, res) => {
    arrived = true;
    // Never answers: only the gateway letting go of the request ends it.
    res.on("close", () => (cancelled = !res.writableFinished));
  });
  const gw = await startTestGateway(poolConfig([{ id: "a", url: a.url }]));
  try {
    const requestId = "leaves-early";
    const req = request(`${gw.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json", "x-request-id": requestId },
    });
    req.on("error", () => {});
    req.end(JSON.stringify({ model: "gpt35", messages: [{ role: "user", content: "Hello" }] }));
    await until(() => arrived, "the request to reach the upstream");
    req.destroy();
    await until(() => cancelled, "the gateway to cancel the upstream request");
    await until(() => usageRecord(gw, requestId) !== undefined, "the cancelled request's usage record");
    assert.equal(usageRecord(gw, requestId)?.aborted, true);
    a.handle(healthy("a"));
    const after = await chat(gw, false);
    assert.equal(after.status, 200, "the gateway serves the next request");
  } finally {
    await a.close();
    await gw.close();
  }
});

test("an upstream stream that starts with a byte-order mark and splits characters across reads reaches the client intact", async () => {
  const words = ["héllo", " wörld", " 日本語", " 🎉🎉", " ok"];
  const a = await startFakeUpstream(async (_req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(chatChunks(words, true).join("") + "data: [DONE]\n\n")]);
    // Cut inside every multi-byte character, with a pause so each piece is a read of its own.
    let from = 0;
    for (let i = 1; i < bytes.length; i++) {
      const byte = bytes[i] as number;
      if ((byte & 0xc0) !== 0x80 || ((bytes[i - 1] as number) & 0xc0) === 0x80) continue;
      res.write(bytes.subarray(from, i));
      from = i;
      await sleep(3);
    }
    res.end(bytes.subarray(from));
  });
  const gw = await startTestGateway(poolConfig([{ id: "a", url: a.url }]));
  try {
    const answer = await chat(gw, true);
    assert.equal(answer.status, 200);
    const data = sseData(answer.text);
    assert.equal(data.at(-1), "[DONE]");
    // The usage chunk stays with the gateway: this client did not ask for it.
    assert.equal(data.length, chatChunks(words, false).length + 1, "every event arrived, the first (after the mark) too");
    const text = data
      .filter((d) => d !== "[DONE]")
      .map((d) => (JSON.parse(d) as { choices: { delta?: { content?: string } }[] }).choices[0]?.delta?.content ?? "")
      .join("");
    assert.equal(text, words.join(""));
  } finally {
    await a.close();
    await gw.close();
  }
});
