import { test } from "node:test";
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { loadConfig } from "../../src/config/load.js";
import { egressAllows } from "../../src/config/egress-allow.js";
import type { Target } from "../../src/core/catalog.js";
import { GatewayError } from "../../src/core/errors.js";
import { RequestSignal } from "../../src/core/request-signal.js";
import { httpProvider } from "../../src/providers/http-transport.js";
import { openaiAdapter } from "../../src/providers/openai/openai-adapter.js";
import { createUpstreamAgents } from "../../src/providers/upstream-agents.js";
import { writeConfigDir, TEST_KEY } from "../support/config-dir.js";
import { startFakeUpstream } from "../support/fake-upstream.js";
import { startTestGateway } from "../support/test-gateway.js";
import { chat, content, healthy, poolConfig } from "./pool-kit.js";

test("a redirect from an upstream is not followed: the target it names is never contacted", async () => {
  const elsewhere = await startFakeUpstream(healthy("elsewhere"));
  const a = await startFakeUpstream((_req, res) => {
    res.writeHead(307, { location: `${elsewhere.url}/v1/chat/completions` });
    res.end();
  });
  const b = await startFakeUpstream(healthy("b"));
  const gw = await startTestGateway(poolConfig([{ id: "a", url: a.url, priority: 1 }, { id: "b", url: b.url, priority: 2 }]));
  try {
    for (const stream of [false, true]) {
      const r = await chat(gw, stream);
      assert.equal(r.status, 200);
      assert.equal(content(r), "from b");
    }
    assert.equal(a.requests.length, 2);
    assert.equal(elsewhere.requests.length, 0);
  } finally {
    await Promise.all([a.close(), b.close(), elsewhere.close()]);
    await gw.close();
  }
});

test("no request header or body field can point the gateway at another host", async () => {
  const elsewhere = await startFakeUpstream(healthy("elsewhere"));
  const a = await startFakeUpstream(healthy("a"));
  const gw = await startTestGateway(poolConfig([{ id: "a", url: a.url }]));
  const host = new URL(elsewhere.url).host;
  try {
    const body = JSON.stringify({
      model: "gpt35",
      messages: [{ role: "user", content: "hi" }],
      base_url: elsewhere.url,
      api_base: elsewhere.url,
      azure_endpoint: elsewhere.url,
      endpoint: elsewhere.url,
      url: `${elsewhere.url}/v1/chat/completions`,
    });
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${gw.url}/v1/chat/completions`, {
        method: "POST",
        headers: {
          host,
          "x-forwarded-host": host,
          forwarded: `host=${host}`,
          "x-ms-endpoint": elsewhere.url,
          "openai-base-url": elsewhere.url,
          authorization: `Bearer ${TEST_KEY}`,
          "content-type": "application/json",
        },
      });
      req.on("response", (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
      req.end(body);
    });
    assert.equal(status, 200);
    assert.equal(a.requests.length, 1);
    assert.equal(elsewhere.requests.length, 0);
  } finally {
    await Promise.all([a.close(), elsewhere.close()]);
    await gw.close();
  }
});

test("the transport refuses an origin outside the allow-list, without connecting", async () => {
  const allowed = await startFakeUpstream(healthy("allowed"));
  const other = await startFakeUpstream(healthy("other"));
  const agents = createUpstreamAgents();
  agents.allow(new Set([new URL(allowed.url).origin]));
  const provider = httpProvider(openaiAdapter, agents);
  const target = (endpoint: string): Target => ({
    id: "x/chat-deploy",
    priority: 1,
    weight: 1,
    tier: 0,
    resource: { id: "x", provider: "openai", endpoint, apiKey: undefined, apiVersion: "2024-10-21", sim: { latencyMs: 0, tokensPerSecond: 0, embeddingDimensions: 8 } },
    deployment: { file: "x.json", resource: "x", name: "chat-deploy", type: "PAYG", model: "gpt-35-turbo", modelVersion: undefined, tokensPerMinute: 1000 },
  });
  const call = { operation: "chat" as const, path: "/chat/completions", body: { messages: [] }, stream: false, signal: new RequestSignal(), requestId: "r1" };
  try {
    const ok = await provider.send(call, target(`${allowed.url}/v1`));
    assert.equal(ok.kind, "json");
    await assert.rejects(provider.send(call, target(`${other.url}/v1`)), (err: unknown) => {
      assert.ok(err instanceof GatewayError);
      assert.equal(err.code, "upstream_error");
      assert.notEqual(err.detail.retryable, true);
      return true;
    });
    assert.equal(other.requests.length, 0);
    assert.equal(allowed.requests.length, 1);
  } finally {
    await agents.close();
    await Promise.all([allowed.close(), other.close()]);
  }
});

test("the allow-list holds the resources' endpoints plus egress.allowHosts, and rejects entries that are not hosts", () => {
  const platform = (allowHosts: unknown[]) => ({
    resources: { aoai: { provider: "azure-openai", endpoint: "https://aoai.example.com/", apiKey: "k" }, sim: { provider: "sim" } },
    pools: { p: [{ resource: "aoai" }] },
    egress: { allowHosts },
  });
  const good = writeConfigDir({ platform: platform(["login.example.com", "https://idp.example.net:8443/tenant/v2.0", "127.0.0.1:4000"]) });
  const bad = writeConfigDir({ platform: platform(["https://", "login.example.com/path"]) });
  try {
    const loaded = loadConfig(good.dir);
    assert.ok(loaded.ok);
    const allowed = loaded.config.egress;
    assert.ok(egressAllows(allowed, "https://aoai.example.com"));
    assert.ok(egressAllows(allowed, "https://login.example.com"));
    assert.ok(egressAllows(allowed, "https://idp.example.net:8443"));
    assert.ok(egressAllows(allowed, "http://127.0.0.1:4000"));
    assert.ok(!egressAllows(allowed, "http://aoai.example.com"));
    assert.ok(!egressAllows(allowed, "https://idp.example.net"));
    assert.ok(!egressAllows(allowed, "https://evil.example.com"));
    const failed = loadConfig(bad.dir);
    assert.ok(!failed.ok);
    assert.deepEqual(
      failed.issues.filter((i) => i.path.startsWith("$.egress")).map((i) => i.path),
      ["$.egress.allowHosts[0]", "$.egress.allowHosts[1]"],
    );
  } finally {
    good.remove();
    bad.remove();
  }
});
