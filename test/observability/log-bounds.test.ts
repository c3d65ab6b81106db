import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { standardConfig, TEST_KEY } from "../support/config-dir.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";

let gw: TestGateway;
before(async () => {
  gw = await startTestGateway(standardConfig());
});
after(() => gw.close());

const HUGE = "m".repeat(1024 * 1024);

/** Log text written for one request id (the gateway flushes its lines in batches). */
async function linesOf(requestId: string): Promise<string[]> {
  for (let waited = 0; waited < 5_000; waited += 20) {
    const found = gw.logs.join("").split("\n").filter((l) => l.includes(`"requestId":"${requestId}"`));
    if (found.length > 0) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  return [];
}

async function send(path: string, body: string, key: string, requestId: string): Promise<number> {
  const res = await fetch(`${gw.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}`, "x-request-id": requestId },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

test("a 1 MB model name costs the log a bounded line, with or without a good key", async () => {
  const body = JSON.stringify({ model: HUGE, messages: [{ role: "user", content: "hi" }] });
  assert.equal(await send("/v1/chat/completions", body, TEST_KEY, "huge-model-good-key"), 404);
  assert.equal(await send("/v1/chat/completions", body, "not-a-key-0123456789abcdef", "huge-model-bad-key"), 401);
  for (const id of ["huge-model-good-key", "huge-model-bad-key"]) {
    const lines = await linesOf(id);
    assert.ok(lines.length > 0, `a line for ${id}`);
    for (const line of lines) assert.ok(line.length < 2048, `${id}: a ${line.length}-character line`);
  }
  const [good] = await linesOf("huge-model-good-key");
  assert.match(good ?? "", /"deployment":"m{256}…\[\+1048320 chars\]"/, "cut at 256 characters, with a marker");
});

test("a long Azure deployment name and a long unknown path are bounded too", async () => {
  const name = "d".repeat(8000);
  const body = JSON.stringify({ messages: [{ role: "user", content: "hi" }] });
  assert.equal(await send(`/openai/deployments/${name}/chat/completions?api-version=2024-10-21`, body, "not-a-key-0123456789abcdef", "long-azure"), 401);
  assert.equal(await send(`/v1/${"p".repeat(8000)}`, "{}", TEST_KEY, "long-path"), 404);
  for (const id of ["long-azure", "long-path"]) {
    const lines = await linesOf(id);
    assert.ok(lines.length > 0, `a line for ${id}`);
    for (const line of lines) assert.ok(line.length < 2048, `${id}: a ${line.length}-character line`);
  }
});
