import { test } from "node:test";
import assert from "node:assert/strict";
import { standardConfig, TEST_KEY } from "../support/config-dir.js";
import { startTestGateway } from "../support/test-gateway.js";

const APP = "http://localhost:5173";

test("CORS: an allowed origin's preflight gets 204 with the Access-Control headers, and its calls can be read", async () => {
  const gw = await startTestGateway(standardConfig({ extraPlatform: { cors: { origins: { dev: [APP], prod: ["https://chat.example.com"] }, maxAgeSeconds: 300 } } }));
  try {
    const preflight = await fetch(`${gw.url}/v1/chat/completions`, {
      method: "OPTIONS",
      headers: { origin: APP, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type, x-stainless-os" },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get("access-control-allow-origin"), APP);
    assert.match(preflight.headers.get("access-control-allow-methods") ?? "", /POST/);
    assert.equal(preflight.headers.get("access-control-allow-headers"), "authorization, content-type, x-stainless-os");
    assert.equal(preflight.headers.get("access-control-max-age"), "300");
    assert.equal(preflight.headers.get("access-control-allow-credentials"), null);

    const call = await fetch(`${gw.url}/v1/chat/completions`, {
      method: "POST",
      headers: { origin: APP, authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt35", messages: [{ role: "user", content: "Hi" }] }),
    });
    assert.equal(call.status, 200);
    assert.equal(call.headers.get("access-control-allow-origin"), APP);
    assert.match(call.headers.get("access-control-expose-headers") ?? "", /x-request-id/);
    await call.body?.cancel();

    const refused = await fetch(`${gw.url}/v1/chat/completions`, { method: "POST", headers: { origin: APP }, body: "{}" });
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get("access-control-allow-origin"), APP, "errors are readable too");
    await refused.body?.cancel();

    // Another environment's origin and an unknown one: no CORS header at all.
    for (const origin of ["https://chat.example.com", "https://evil.example"]) {
      const other = await fetch(`${gw.url}/v1/chat/completions`, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST" } });
      assert.equal(other.headers.get("access-control-allow-origin"), null, origin);
      assert.equal(other.headers.get("access-control-allow-methods"), null, origin);
      await other.body?.cancel();
    }
  } finally {
    await gw.close();
  }
});

test("CORS is off by default: no Access-Control header, even for a preflight", async () => {
  const gw = await startTestGateway(standardConfig());
  try {
    const preflight = await fetch(`${gw.url}/v1/chat/completions`, { method: "OPTIONS", headers: { origin: APP, "access-control-request-method": "POST" } });
    assert.notEqual(preflight.status, 204);
    assert.equal(preflight.headers.get("access-control-allow-origin"), null);
    await preflight.body?.cancel();
  } finally {
    await gw.close();
  }
});

test("a CORS origin with a path is a config error", async () => {
  await assert.rejects(startTestGateway(standardConfig({ extraPlatform: { cors: { origins: { dev: ["http://localhost:5173/app"] } } } })), /\$\.cors\.origins\.dev\[0\]/);
});
