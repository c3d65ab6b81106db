import { test } from "node:test";
import assert from "node:assert/strict";
import { standardConfig, TEST_KEY } from "../support/config-dir.js";
import { readJson, sendJson, startFakeUpstream } from "../support/fake-upstream.js";
import { startTestGateway } from "../support/test-gateway.js";

test("a restricted route opened in api.enabledRoutes is routed like any other, on both surfaces", async () => {
  const upstream = await startFakeUpstream((_req, res) => sendJson(res, 200, { created: 1, data: [{ url: "https://example.invalid/img.png" }] }));
  const gw = await startTestGateway(
    standardConfig({
      resources: { up: { provider: "azure-openai", endpoint: upstream.url, apiKey: "k" } },
      extraPlatform: { api: { enabledRoutes: ["/v1/images/generations", "/openai/deployments/{deployment}/images/generations"] } },
    }),
  );
  try {
    const headers = { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" };
    const a = await fetch(`${gw.url}/v1/images/generations`, { method: "POST", headers, body: JSON.stringify({ model: "gpt35", prompt: "a cat" }) });
    assert.equal(a.status, 200);
    assert.equal(upstream.requests.at(-1)?.url.split("?")[0], "/openai/deployments/chat-deploy/images/generations");
    assert.equal(readJson(upstream.requests.at(-1)!)["prompt"], "a cat");
    const b = await fetch(`${gw.url}/openai/deployments/gpt35/images/generations?api-version=2024-10-21`, { method: "POST", headers, body: JSON.stringify({ prompt: "a dog" }) });
    assert.equal(b.status, 200);
    const closed = await fetch(`${gw.url}/v1/audio/speech`, { method: "POST", headers, body: "{}" });
    assert.equal(closed.status, 404, "routes not opened stay closed");
    await Promise.all([a.body?.cancel(), b.body?.cancel(), closed.body?.cancel()]);
  } finally {
    await gw.close();
    await upstream.close();
  }
});
