import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { standardConfig, TEST_KEY } from "../support/config-dir.js";
import { chatCompletion, readJson, sendJson, startFakeUpstream, type FakeUpstream } from "../support/fake-upstream.js";
import { startTestGateway } from "../support/test-gateway.js";

let upstream: FakeUpstream;
before(async () => {
  upstream = await startFakeUpstream((_req, res) => sendJson(res, 200, chatCompletion()));
});
after(() => upstream.close());

async function chatThrough(resource: Record<string, unknown>, body: object = {}) {
  const gw = await startTestGateway(standardConfig({ resources: { up: resource } }));
  try {
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt35", messages: [{ role: "user", content: "Hi" }], ...body }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, sent: upstream.requests.at(-1)! };
  } finally {
    await gw.close();
  }
}

test("openai: base URL + /chat/completions, Bearer platform key, deployment name as model", async () => {
  const r = await chatThrough({ provider: "openai", endpoint: `${upstream.url}/v1`, apiKey: "sk-platform-1" }, { temperature: 0.2, user: "u1" });
  assert.equal(r.status, 200);
  assert.equal(r.sent.url, "/v1/chat/completions");
  assert.equal(r.sent.headers["authorization"], "Bearer sk-platform-1");
  const sent = readJson(r.sent);
  assert.equal(sent["model"], "chat-deploy");
  assert.equal(sent["temperature"], 0.2, "fields Atrium does not use pass through");
  assert.equal(sent["user"], "u1");
});

test("openai-compatible: works without a key (vLLM, Ollama)", async () => {
  const r = await chatThrough({ provider: "openai-compatible", endpoint: `${upstream.url}/v1` });
  assert.equal(r.status, 200);
  assert.equal(r.sent.headers["authorization"], undefined);
  assert.equal(readJson(r.sent)["model"], "chat-deploy");
});

test("azure-openai: deployment URL, the resource's api-version, api-key header", async () => {
  const r = await chatThrough({ provider: "azure-openai", endpoint: upstream.url, apiKey: "azure-platform-key", apiVersion: "2024-06-01" });
  assert.equal(r.status, 200);
  assert.equal(r.sent.url, "/openai/deployments/chat-deploy/chat/completions?api-version=2024-06-01");
  assert.equal(r.sent.headers["api-key"], "azure-platform-key");
});

test("upstream errors are translated, never passed through raw", async () => {
  const resource = { provider: "openai", endpoint: `${upstream.url}/v1`, apiKey: "sk-platform-1" };
  upstream.handle((_req, res) => sendJson(res, 400, { error: { message: "This model's maximum context length is 4097 tokens", type: "invalid_request_error", param: "messages", code: "context_length_exceeded" } }));
  const bad = await chatThrough(resource);
  assert.equal(bad.status, 400);
  assert.deepEqual(Object.keys(bad.body["error"] as object).sort(), ["code", "message", "param", "type"]);
  assert.equal((bad.body["error"] as { code: string }).code, "invalid_request");
  assert.match((bad.body["error"] as { message: string }).message, /maximum context length/);

  upstream.handle((_req, res) => sendJson(res, 401, { error: { message: "Incorrect API key provided: sk-platform-1", code: "invalid_api_key" } }));
  const cred = await chatThrough(resource);
  assert.ok(cred.status === 502 || cred.status === 503, `the platform's credential problem is not the caller's 401 (got ${cred.status})`);
  assert.ok(!JSON.stringify(cred.body).includes("sk-platform-1"), "the upstream's message with our key is not passed on");

  upstream.handle((_req, res) => sendJson(res, 400, { error: { message: "filtered", code: "content_filter", innererror: { code: "ResponsibleAIPolicyViolation" } } }));
  const filtered = await chatThrough({ provider: "azure-openai", endpoint: upstream.url, apiKey: "k" });
  assert.equal(filtered.status, 400);
  assert.equal((filtered.body["error"] as { code: string }).code, "content_blocked");

  upstream.handle((_req, res) => sendJson(res, 429, { error: { message: "slow down" } }, { "retry-after": "7" }));
  const gw = await startTestGateway(standardConfig({ resources: { up: resource } }));
  try {
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt35", messages: [{ role: "user", content: "Hi" }] }),
    });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get("retry-after"), "7");
    await res.body?.cancel();
  } finally {
    await gw.close();
    upstream.handle((_req, res) => sendJson(res, 200, chatCompletion()));
  }
});

test("a body nested too deeply for re-serialisation is a 400, not a crash", async () => {
  const gw = await startTestGateway(standardConfig({ resources: { up: { provider: "openai", endpoint: `${upstream.url}/v1` } } }));
  try {
    const deep = `{"model":"gpt35","messages":[{"role":"user","content":"x"}],"metadata":${"[".repeat(200000)}${"]".repeat(200000)}}`;
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" },
      body: deep,
    });
    assert.equal(res.status, 400);
    await res.body?.cancel();
    assert.equal((await fetch(`${gw.url}/healthz`)).status, 200);
  } finally {
    await gw.close();
  }
});

test("a __proto__ key in the client's body is forwarded as a key, not taken as the copy's prototype", async () => {
  const gw = await startTestGateway(standardConfig({ resources: { up: { provider: "openai-compatible", endpoint: `${upstream.url}/v1` } } }));
  try {
    for (const stream of [false, true]) {
      const options = stream ? ',"stream":true,"stream_options":{"__proto__":{"polluted":true}}' : "";
      const res = await fetch(`${gw.url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" },
        body: `{"model":"gpt35","messages":[{"role":"user","content":"Hi"}],"__proto__":{"temperature":0.9}${options}}`,
      });
      await res.text();
      const sent = upstream.requests.at(-1)!.body;
      assert.match(sent, /"__proto__":\{"temperature":0\.9\}/);
      assert.match(sent, /"model":"chat-deploy"/);
      if (stream) assert.match(sent, /"stream_options":\{"__proto__":\{"polluted":true\},"include_usage":true\}/);
    }
  } finally {
    await gw.close();
  }
});
