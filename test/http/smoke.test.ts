import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { standardConfig, TEST_KEY } from "../support/config-dir.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";

let gw: TestGateway;
before(async () => {
  gw = await startTestGateway(standardConfig());
});
after(() => gw.close());

test("answers a chat completion from the simulated model with usage", async () => {
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt35", messages: [{ role: "user", content: "Hello" }] }),
  });
  assert.equal(res.status, 200);
  assert.ok(res.headers.get("x-request-id"));
  const body = (await res.json()) as { choices: Array<{ message: { content: string } }>; usage: { total_tokens: number } };
  assert.match(body.choices[0]?.message.content ?? "", /simulated/);
  assert.ok(body.usage.total_tokens > 0);
});

test("answers /healthz", async () => {
  const res = await fetch(`${gw.url}/healthz`);
  assert.equal(res.status, 200);
});
