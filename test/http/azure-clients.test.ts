import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";
import { standardConfig, TEST_KEY, writeConfigDir } from "../support/config-dir.js";
import { chatCompletion, readJson, sendJson, startFakeUpstream, type FakeUpstream } from "../support/fake-upstream.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import { loadConfig } from "../../src/config/load.js";

let upstream: FakeUpstream;
let gw: TestGateway;

before(async () => {
  upstream = await startFakeUpstream((req, res) => {
    if (req.url.includes("/embeddings")) {
      return sendJson(res, 200, { object: "list", data: [{ object: "embedding", index: 0, embedding: [0.6, 0.8] }], model: "ada", usage: { prompt_tokens: 2, total_tokens: 2 } });
    }
    if (req.url.includes("/completions") && !req.url.includes("/chat/")) {
      return sendJson(res, 200, { id: "c1", object: "text_completion", created: 1, model: "m", choices: [{ index: 0, text: "hi", finish_reason: "stop" }], usage: { prompt_tokens: 2, completion_tokens: 1, total_tokens: 3 } });
    }
    return sendJson(res, 200, chatCompletion());
  });
  gw = await startTestGateway(standardConfig({ resources: { "aoai-a": { provider: "azure-openai", endpoint: upstream.url, apiKey: "platform-key-123" } } }));
});

after(async () => {
  await gw.close();
  await upstream.close();
});

const azureChat = (body: string, version = "2024-10-21") =>
  fetch(`${gw.url}/openai/deployments/gpt35/chat/completions?api-version=${version}`, {
    method: "POST",
    headers: { "api-key": TEST_KEY, "content-type": "application/json" },
    body,
  });

test("the Azure deployment route ignores `model`: null (LangChain's AzureChatOpenAI), absent or any string", async () => {
  const messages = [{ role: "user", content: "Hello" }];
  for (const body of [
    // The bytes LangChain for Python sends through the openai SDK for AzureChatOpenAI.
    `{"messages":${JSON.stringify(messages)},"model":null,"stream":false,"n":1,"temperature":0.7}`,
    JSON.stringify({ messages }),
    JSON.stringify({ messages, model: "whatever-the-client-thinks" }),
    JSON.stringify({ messages, model: 42 }),
  ]) {
    const res = await azureChat(body);
    assert.equal(res.status, 200, `${body}: ${await res.clone().text()}`);
    await res.body?.cancel();
    assert.equal(readJson(upstream.requests.at(-1)!)["model"], "chat-deploy", "upstream gets the platform deployment");
  }
});

test("Azure's v1 surface (/openai/v1, model in the body, no api-version) serves chat, completions, embeddings and models with either credential", async () => {
  const viaKey = new OpenAI({ baseURL: `${gw.url}/openai/v1`, apiKey: "unused", defaultHeaders: { "api-key": TEST_KEY, authorization: null } as never });
  const viaBearer = new OpenAI({ baseURL: `${gw.url}/openai/v1`, apiKey: TEST_KEY });
  for (const client of [viaKey, viaBearer]) {
    const chat = await client.chat.completions.create({ model: "gpt35", messages: [{ role: "user", content: "Hello" }] });
    assert.equal(chat.choices[0]?.message.content, "Hello from upstream");
    assert.equal(upstream.requests.at(-1)?.url.split("?")[0], "/openai/deployments/chat-deploy/chat/completions");
  }
  const completion = await viaBearer.completions.create({ model: "gpt35", prompt: "Say hi" });
  assert.equal(completion.choices[0]?.text, "hi");
  const vectors = await viaKey.embeddings.create({ model: "embed", input: "one" });
  assert.equal(vectors.data.length, 1);
  const models = await viaKey.models.list();
  assert.deepEqual(models.data.map((m) => m.id), ["embed", "gpt35"]);
  const one = await viaBearer.models.retrieve("gpt35");
  assert.equal(one.id, "gpt35");
});

test("newer GA and preview api-versions are accepted by default; the 404 for others says which are", async () => {
  for (const version of ["2024-10-21", "2025-04-01-preview", "2025-08-01-preview", "2026-01-01"]) {
    const res = await azureChat(JSON.stringify({ messages: [{ role: "user", content: "Hi" }] }), version);
    assert.equal(res.status, 200, version);
    await res.body?.cancel();
  }
  for (const version of ["2021-01-01", "2025-02-30-preview", "latest", "2025-08-01-beta"]) {
    const res = await azureChat(JSON.stringify({ messages: [{ role: "user", content: "Hi" }] }), version);
    assert.equal(res.status, 404, version);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, "unsupported_api_version");
    assert.match(body.error.message, /YYYY-MM-DD-preview from 2022-12-01 on/);
  }
});

test("an api.versions allow-list still restricts, and its 404 lists the versions", async () => {
  const restricted = await startTestGateway(standardConfig({ extraPlatform: { api: { versions: ["2024-10-21", "2024-06-01"] } } }));
  try {
    const call = (version: string) =>
      fetch(`${restricted.url}/openai/deployments/gpt35/chat/completions?api-version=${version}`, {
        method: "POST",
        headers: { "api-key": TEST_KEY, "content-type": "application/json" },
        body: JSON.stringify({ messages: [{ role: "user", content: "Hi" }] }),
      });
    const ok = await call("2024-06-01");
    assert.equal(ok.status, 200);
    await ok.body?.cancel();
    const refused = await call("2025-08-01-preview");
    assert.equal(refused.status, 404);
    const body = (await refused.json()) as { error: { message: string } };
    assert.match(body.error.message, /Supported versions: 2024-10-21, 2024-06-01\./);
  } finally {
    await restricted.close();
  }
});

test("a route in api.enabledRoutes the gateway cannot serve is a config error with its file and path", () => {
  const folder = standardConfig({
    extraPlatform: { api: { enabledRoutes: ["/v1/images/generations", "/images/generations", "/openai/deployments/gpt35/images/generations", "/v1/audio/speech?x=1"] } },
  });
  const { dir, remove } = writeConfigDir(folder);
  try {
    const result = loadConfig(dir, { env: {} });
    assert.equal(result.ok, false);
    const issues = result.ok ? [] : result.issues.filter((i) => i.path.startsWith("$.api.enabledRoutes"));
    assert.deepEqual(issues.map((i) => `${i.file} ${i.path}`), ["atrium.yaml $.api.enabledRoutes[1]", "atrium.yaml $.api.enabledRoutes[2]", "atrium.yaml $.api.enabledRoutes[3]"]);
    assert.match(issues[1]!.message, /\{deployment\}/);
  } finally {
    remove();
  }
});

test("a route opened for /v1 is served on Azure's /openai/v1 surface too", async () => {
  const images = await startFakeUpstream((_req, res) => sendJson(res, 200, { created: 1, data: [] }));
  const opened = await startTestGateway(
    standardConfig({
      resources: { up: { provider: "azure-openai", endpoint: images.url, apiKey: "k" } },
      extraPlatform: { api: { enabledRoutes: ["/v1/images/generations"] } },
    }),
  );
  try {
    const res = await fetch(`${opened.url}/openai/v1/images/generations`, {
      method: "POST",
      headers: { "api-key": TEST_KEY, "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt35", prompt: "a cat" }),
    });
    assert.equal(res.status, 200);
    await res.body?.cancel();
    assert.equal(images.requests.at(-1)?.url.split("?")[0], "/openai/deployments/chat-deploy/images/generations");
  } finally {
    await opened.close();
    await images.close();
  }
});

test("openai and openai-compatible resources get the deployment's upstreamModel as `model`, else its name", async () => {
  const local = await startFakeUpstream((_req, res) => sendJson(res, 200, chatCompletion()));
  const folder = standardConfig({ resources: { vllm: { provider: "openai-compatible", endpoint: `${local.url}/v1` } } });
  const deployments = folder.deployments as Record<string, Record<string, unknown>>;
  deployments["vllm-chat.json"]!["upstreamModel"] = "meta-llama/Llama-3.1-8B-Instruct";
  const served = await startTestGateway(folder);
  try {
    const client = new OpenAI({ baseURL: `${served.url}/v1`, apiKey: TEST_KEY });
    await client.chat.completions.create({ model: "gpt35", messages: [{ role: "user", content: "Hi" }] });
    assert.equal(readJson(local.requests.at(-1)!)["model"], "meta-llama/Llama-3.1-8B-Instruct");
    await client.embeddings.create({ model: "embed", input: "x" }).catch(() => undefined);
    assert.equal(readJson(local.requests.at(-1)!)["model"], "embed-deploy", "without upstreamModel, the deployment name");
  } finally {
    await served.close();
    await local.close();
  }
});
