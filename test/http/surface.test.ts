import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { standardConfig, TEST_KEY, OTHER_KEY } from "../support/config-dir.js";
import { startTestGateway } from "../support/test-gateway.js";

const chat = (url: string, key: string, model = "gpt35") =>
  fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "x-request-id": "client-chosen-id-1" },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "Hello" }] }),
  });

test("echoes the client's x-request-id and rejects a missing or wrong key with 401", async () => {
  const gw = await startTestGateway(standardConfig());
  try {
    const ok = await chat(gw.url, TEST_KEY);
    assert.equal(ok.headers.get("x-request-id"), "client-chosen-id-1");
    await ok.body?.cancel();
    const wrong = await chat(gw.url, "not-a-key-at-all-xxxxxxxx");
    assert.equal(wrong.status, 401);
    assert.equal(((await wrong.json()) as { error: { code: string } }).error.code, "invalid_api_key");
    const none = await fetch(`${gw.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    assert.equal(none.status, 401);
    await none.body?.cancel();
  } finally {
    await gw.close();
  }
});

test("a model not yet live in this environment says when it goes live", async () => {
  const gw = await startTestGateway(standardConfig({ deployAt: "2999-01-01T00:00:00Z" }));
  try {
    const r = await chat(gw.url, TEST_KEY);
    assert.equal(r.status, 403);
    const body = (await r.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, "deployment_not_live");
    assert.match(body.error.message, /goes live in dev at 2999-01-01T00:00:00.000Z/);
    const models = (await (await fetch(`${gw.url}/v1/models`, { headers: { authorization: `Bearer ${TEST_KEY}` } })).json()) as { data: unknown[] };
    assert.deepEqual(models.data, [], "a model that is not live is not listed");
  } finally {
    await gw.close();
  }
});

test("a model the consumer did not request for this environment is refused with 403", async () => {
  const folder = standardConfig({ environment: "prod" });
  const consumers = folder.consumers as Record<string, { models: Array<{ environments: Record<string, unknown> }> }>;
  delete consumers["team-a.json"]!.models[0]!.environments["prod"];
  const gw = await startTestGateway(folder);
  try {
    const r = await chat(gw.url, TEST_KEY);
    assert.equal(r.status, 403);
    assert.match(((await r.json()) as { error: { message: string } }).error.message, /not granted to team-a in the prod environment/);
  } finally {
    await gw.close();
  }
});

test("hot reload applies a valid change and keeps the last good config on an invalid one", async () => {
  const gw = await startTestGateway(standardConfig(), { watch: true });
  try {
    assert.equal((await chat(gw.url, OTHER_KEY, "gpt4o")).status, 200);
    const mappingPath = join(gw.dir, "mappings/team-b.json");
    const mapping = JSON.parse(readFileSync(mappingPath, "utf8")) as { requirements: Array<{ outsideDeploymentName: string }> };
    const consumerPath = join(gw.dir, "consumers/team-b.json");
    const consumer = JSON.parse(readFileSync(consumerPath, "utf8")) as { models: Array<{ deploymentName: string }> };
    mapping.requirements[0]!.outsideDeploymentName = "gpt4o-renamed";
    consumer.models[0]!.deploymentName = "gpt4o-renamed";
    writeFileSync(mappingPath, JSON.stringify(mapping));
    writeFileSync(consumerPath, JSON.stringify(consumer));
    await waitFor(async () => (await chat(gw.url, OTHER_KEY, "gpt4o-renamed")).status === 200);
    assert.equal((await chat(gw.url, OTHER_KEY, "gpt4o")).status, 404);

    writeFileSync(mappingPath, "{ broken");
    await waitFor(async () => gw.logs.some((l) => l.includes("config reload rejected")));
    assert.equal((await chat(gw.url, OTHER_KEY, "gpt4o-renamed")).status, 200, "the last good config still serves");
    assert.ok(gw.logs.some((l) => l.includes("mappings/team-b.json $: not valid JSON")));
  } finally {
    await gw.close();
  }
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail("condition not met in time");
}
