import { test } from "node:test";
import assert from "node:assert/strict";
import { OTHER_KEY, TEST_KEY } from "../support/config-dir.js";
import { chatCompletion, readJson, sendJson, startFakeUpstream, type UpstreamHandler } from "../support/fake-upstream.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import { poolConfig } from "./pool-kit.js";

// One member shared by team-a and team-b (both map onto chat-pool). Its circuit opens after three
// failures; each request may try it three times; it gives up on an answer after 200 ms.
const SETTINGS = { breaker: { failures: 3, windowMs: 60_000, cooldownMs: 60_000 }, retry: { maxAttempts: 3 }, timeouts: { firstByteMs: 200 } };

async function ask(gw: TestGateway, key: string, model: string, content: string): Promise<string> {
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model, messages: [{ role: "user", content }] }),
  });
  const body = (await res.json()) as { error?: { message: string } };
  // The status and, for errors, why: an open circuit, or "did not answer in time".
  if (!body.error) return String(res.status);
  return `${res.status} ${/circuit open/.test(body.error.message) || !/in time/.test(body.error.message) ? "no member" : "timeout"}`;
}

async function withMember(handler: UpstreamHandler, run: (gw: TestGateway, requests: () => number) => Promise<void>): Promise<void> {
  const a = await startFakeUpstream(handler);
  const gw = await startTestGateway(poolConfig([{ id: "a", url: a.url }], SETTINGS));
  try {
    await run(gw, () => a.requests.length);
  } finally {
    await gw.close();
    await a.close();
  }
}

/** Answers at once, except prompts marked "huge": those it never answers (too slow for the timeout). */
const slowForHugePrompts: UpstreamHandler = (req, res) => {
  const messages = JSON.stringify(readJson(req)["messages"]);
  if (messages.includes("huge")) return;
  sendJson(res, 200, chatCompletion("fine"));
};

test("one consumer's slow requests do not open the shared circuit while the member answers others", async () => {
  await withMember(slowForHugePrompts, async (gw) => {
    assert.equal(await ask(gw, OTHER_KEY, "gpt4o", "Hello"), "200");
    for (let i = 0; i < 4; i++) assert.equal(await ask(gw, TEST_KEY, "gpt35", "a huge prompt"), "503 timeout", "the slow request itself times out");
    for (let i = 0; i < 3; i++) assert.equal(await ask(gw, OTHER_KEY, "gpt4o", "Hello"), "200", "team-b is still served");
  });
});

test("a member that answers nobody still opens its circuit: one strike per request, not per retry", async () => {
  await withMember(
    () => {},
    async (gw, requests) => {
      assert.equal(await ask(gw, TEST_KEY, "gpt35", "Hello"), "503 timeout");
      assert.equal(requests(), 3, "three attempts on the one member");
      assert.equal(await ask(gw, TEST_KEY, "gpt35", "Hello"), "503 timeout");
      assert.equal(requests(), 6, "one request's timeouts were one strike: the circuit stayed closed");
      // The third request's first timeout is the third strike: the circuit opens, it is not retried,
      // and its 503 already names the open circuit.
      assert.equal((await ask(gw, TEST_KEY, "gpt35", "Hello")).slice(0, 3), "503");
      assert.equal(requests(), 7, "the third request tried the member once");
      const before = requests();
      assert.equal(await ask(gw, OTHER_KEY, "gpt4o", "Hello"), "503 no member", "three requests later the circuit is open");
      assert.equal(requests(), before, "an open circuit is not asked");
    },
  );
});
