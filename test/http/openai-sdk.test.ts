import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import OpenAI, { AzureOpenAI } from "openai";
import { standardConfig, TEST_KEY } from "../support/config-dir.js";
import { chatChunks, chatCompletion, readJson, sendJson, sendStream, startFakeUpstream, USAGE, type FakeUpstream } from "../support/fake-upstream.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import type { MemoryUsageSink } from "../../src/metering/memory-usage-sink.js";

const PLATFORM_KEY = "platform-upstream-secret-1";
let upstream: FakeUpstream;
let gw: TestGateway;
let openai: OpenAI;
let azure: AzureOpenAI;

/** An Azure OpenAI resource: JSON, SSE (usage chunk only when asked) and embeddings in both encodings. */
function azureBehaviour(gapMs = 0) {
  return async (req: Parameters<Parameters<typeof startFakeUpstream>[0]>[0], res: Parameters<Parameters<typeof startFakeUpstream>[0]>[1]) => {
    const body = readJson(req);
    if (req.url.includes("/embeddings")) {
      const inputs = Array.isArray(body["input"]) ? (body["input"] as string[]) : [body["input"] as string];
      const data = inputs.map((_, index) => {
        const v = new Float32Array([0.6, 0.8, 0]);
        const embedding = body["encoding_format"] === "base64" ? Buffer.from(v.buffer).toString("base64") : Array.from(v);
        return { object: "embedding", index, embedding };
      });
      return sendJson(res, 200, { object: "list", data, model: "text-embedding-ada-002", usage: { prompt_tokens: 5, total_tokens: 5 } });
    }
    if (body["stream"] === true) {
      const usage = (body["stream_options"] as { include_usage?: boolean } | undefined)?.include_usage === true;
      return sendStream(res, chatChunks(["Hel", "lo", " there"], usage), { gapMs });
    }
    return sendJson(res, 200, chatCompletion());
  };
}

before(async () => {
  upstream = await startFakeUpstream(azureBehaviour());
  gw = await startTestGateway(
    standardConfig({ resources: { "aoai-a": { provider: "azure-openai", endpoint: upstream.url, apiKey: PLATFORM_KEY } } }),
  );
  openai = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: TEST_KEY, maxRetries: 0 });
  azure = new AzureOpenAI({ endpoint: gw.url, apiKey: TEST_KEY, apiVersion: "2024-10-21", maxRetries: 0 });
});
after(async () => {
  await gw.close();
  await upstream.close();
});

test("OpenAI client: a chat completion comes back with the upstream's content and usage", async () => {
  const before = upstream.requests.length;
  const r = await openai.chat.completions.create({ model: "gpt35", messages: [{ role: "user", content: "Hi" }] });
  assert.equal(r.choices[0]?.message.content, "Hello from upstream");
  assert.equal(r.usage?.total_tokens, USAGE.total_tokens);
  const sent = upstream.requests[before];
  assert.ok(sent);
  assert.match(sent.url, /^\/openai\/deployments\/chat-deploy\/chat\/completions\?api-version=/);
  assert.equal(sent.headers["api-key"], PLATFORM_KEY, "the platform's key goes upstream");
  assert.ok(!sent.body.includes(TEST_KEY) && sent.headers["authorization"] === undefined, "the caller's key never does");
  assert.equal(readJson(sent)["model"], "chat-deploy");
});

test("AzureOpenAI client: a chat completion through the deployment URL", async () => {
  const r = await azure.chat.completions.create({ model: "gpt35", messages: [{ role: "user", content: "Hi" }] });
  assert.equal(r.choices[0]?.message.content, "Hello from upstream");
});

for (const [name, client] of [["OpenAI", () => openai], ["AzureOpenAI", () => azure]] as const) {
  test(`${name} client: a stream without include_usage gets no usage chunk, yet usage is metered`, async () => {
    const stream = await client().chat.completions.create({ model: "gpt35", stream: true, messages: [{ role: "user", content: "Hi" }] });
    let text = "";
    for await (const chunk of stream) {
      assert.ok(chunk.choices.length > 0, "no choices-less usage chunk reaches the client");
      assert.ok(!chunk.usage, "no usage on any chunk");
      text += chunk.choices[0]?.delta.content ?? "";
    }
    assert.equal(text, "Hello there");
    const sent = readJson(upstream.requests.at(-1)!);
    assert.deepEqual(sent["stream_options"], { include_usage: true }, "usage was asked for upstream");
    const record = (gw.usage as MemoryUsageSink).records.at(-1);
    assert.equal(record?.totalTokens, USAGE.total_tokens);
    assert.equal(record?.usageSource, "provider");
    assert.equal(record?.streamed, true);
  });

  test(`${name} client: a stream with include_usage ends with the usage chunk`, async () => {
    const stream = await client().chat.completions.create({
      model: "gpt35",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: "Hi" }],
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.deepEqual(chunks.at(-1)?.choices, []);
    assert.equal(chunks.at(-1)?.usage?.total_tokens, USAGE.total_tokens);
  });

  test(`${name} client: embeddings for one string and for a batch (base64 by default)`, async () => {
    const one = await client().embeddings.create({ model: "embed", input: "hello" });
    assert.equal(one.data.length, 1);
    assert.equal(one.data[0]?.embedding.length, 3);
    assert.ok(Math.abs((one.data[0]?.embedding[1] ?? 0) - 0.8) < 1e-6);
    const batch = await client().embeddings.create({ model: "embed", input: ["a", "b", "c"], encoding_format: "float" });
    assert.deepEqual(batch.data.map((d) => d.index), [0, 1, 2]);
    assert.equal(batch.data[2]?.embedding.length, 3);
  });
}

test("lists only the caller's own models by their outside names", async () => {
  const list = await openai.models.list();
  assert.deepEqual(list.data.map((m) => m.id).sort(), ["embed", "gpt35"]);
  const one = await openai.models.retrieve("gpt35");
  assert.equal(one.id, "gpt35");
});

test("an unknown deployment is the SDK's NotFoundError with code model_not_found", async () => {
  for (const client of [openai, azure]) {
    await assert.rejects(
      client.chat.completions.create({ model: "no-such-deployment", messages: [{ role: "user", content: "Hi" }] }),
      (err: unknown) => err instanceof OpenAI.NotFoundError && err.code === "model_not_found",
    );
  }
  // Another consumer's deployment is forbidden to this one.
  await assert.rejects(openai.chat.completions.create({ model: "gpt4o", messages: [{ role: "user", content: "Hi" }] }), OpenAI.PermissionDeniedError);
});

test("a bad body is the SDK's BadRequestError naming the parameter", async () => {
  await assert.rejects(
    openai.chat.completions.create({ model: "gpt35", messages: "not a list" as never }),
    (err: unknown) => err instanceof OpenAI.BadRequestError && err.param === "messages",
  );
});

test("a stream aborted after its first chunk cancels upstream, is metered, and the next request succeeds", async () => {
  upstream.handle(azureBehaviour(200));
  try {
    const controller = new AbortController();
    const stream = await openai.chat.completions.create(
      { model: "gpt35", stream: true, messages: [{ role: "user", content: "Hi" }] },
      { signal: controller.signal },
    );
    let seen = 0;
    try {
      for await (const _chunk of stream) {
        seen++;
        controller.abort();
      }
    } catch (err) {
      assert.ok(err instanceof OpenAI.APIUserAbortError, `aborted by the client, not failed: ${String(err)}`);
    }
    assert.equal(seen, 1);
    const sink = gw.usage as MemoryUsageSink;
    for (let i = 0; i < 50 && !sink.records.at(-1)?.aborted; i++) await new Promise((r) => setTimeout(r, 20));
    const record = sink.records.at(-1);
    assert.equal(record?.aborted, true);
    assert.equal(record?.usageSource, "tokenizer", "what was delivered is counted by the tokenizer");
    assert.ok((record?.promptTokens ?? 0) > 0);
  } finally {
    upstream.handle(azureBehaviour());
  }
  const ok = await openai.chat.completions.create({ model: "gpt35", messages: [{ role: "user", content: "Again" }] });
  assert.equal(ok.choices[0]?.message.content, "Hello from upstream");
});
