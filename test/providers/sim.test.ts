import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";
import { countTokens } from "../../src/metering/tokenizer.js";
import { standardConfig, TEST_KEY } from "../support/config-dir.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";

let gw: TestGateway;
let client: OpenAI;
before(async () => {
  gw = await startTestGateway(standardConfig({ resources: { sim: { provider: "sim", tokensPerSecond: 0, embeddingDimensions: 64 } } }));
  client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: TEST_KEY, maxRetries: 0 });
});
after(() => gw.close());

test("the simulated model is deterministic and counts tokens with the real tokenizer", async () => {
  const ask = () => client.chat.completions.create({ model: "gpt35", messages: [{ role: "user", content: "Tell me about pools" }] });
  const a = await ask();
  const b = await ask();
  const text = a.choices[0]?.message.content ?? "";
  assert.equal(text, b.choices[0]?.message.content);
  assert.equal(a.usage?.completion_tokens, countTokens(text, "gpt-35-turbo"));
  assert.ok((a.usage?.prompt_tokens ?? 0) > countTokens("Tell me about pools", "gpt-35-turbo"), "chat framing counted");
  const other = await client.chat.completions.create({ model: "gpt35", messages: [{ role: "user", content: "Something else entirely" }] });
  assert.notEqual(other.choices[0]?.message.content, text);
});

test("max_tokens truncates with finish_reason length", async () => {
  const r = await client.chat.completions.create({ model: "gpt35", max_tokens: 3, messages: [{ role: "user", content: "Hi" }] });
  assert.equal(r.choices[0]?.finish_reason, "length");
  assert.ok((r.usage?.completion_tokens ?? 99) <= 4);
});

test("streams the same text it would answer whole, with usage when asked", async () => {
  const whole = await client.chat.completions.create({ model: "gpt35", messages: [{ role: "user", content: "Stream me" }] });
  const stream = await client.chat.completions.create({ model: "gpt35", stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content: "Stream me" }] });
  let text = "";
  let usage;
  for await (const c of stream) {
    text += c.choices[0]?.delta.content ?? "";
    if (c.usage) usage = c.usage;
  }
  assert.equal(text, whole.choices[0]?.message.content);
  assert.deepEqual(usage, whole.usage);
});

test("embeddings are deterministic unit vectors, in float and base64", async () => {
  const r = await client.embeddings.create({ model: "embed", input: ["alpha", "beta", "alpha"], encoding_format: "float" });
  const [a, b, c] = r.data.map((d) => d.embedding);
  assert.equal(a?.length, 64);
  const norm = Math.sqrt((a ?? []).reduce((s, x) => s + x * x, 0));
  assert.ok(Math.abs(norm - 1) < 1e-5);
  assert.deepEqual(a, c);
  assert.notDeepEqual(a, b);
  const b64 = await client.embeddings.create({ model: "embed", input: "alpha" });
  assert.ok((b64.data[0]?.embedding ?? []).every((x, i) => Math.abs(x - (a?.[i] ?? 0)) < 1e-6), "base64 decodes to the same vector");
  const dims = await client.embeddings.create({ model: "embed", input: "alpha", dimensions: 8, encoding_format: "float" });
  assert.equal(dims.data[0]?.embedding.length, 8);
});

test("legacy completions answer in text_completion shape", async () => {
  const r = await client.completions.create({ model: "gpt35", prompt: "Once upon a time" });
  assert.equal(r.object, "text_completion");
  assert.ok((r.choices[0]?.text ?? "").length > 0);
});
