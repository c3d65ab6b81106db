import { afterEach, test } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";
import type { MemoryUsageSink } from "../../src/metering/memory-usage-sink.js";
import { standardConfig, TEST_KEY } from "../support/config-dir.js";
import { ANTHROPIC_KEY, startFakeAnthropic, textMessage, type FakeAnthropic } from "../support/fake-anthropic.js";
import { chatChunks, chatCompletion, readJson, sendJson, sendStream, startFakeUpstream, type FakeUpstream, type UpstreamHandler } from "../support/fake-upstream.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";

const CLAUDE_USAGE = { input_tokens: 13, output_tokens: 4, cache_read_input_tokens: 8, cache_creation_input_tokens: 0 };
const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

/** An Azure PTU deployment at priority 1 and an Anthropic one at priority 2, in one pool. */
async function mixedPool(azure: UpstreamHandler, anthropicFirst = false): Promise<{ gw: TestGateway; aoai: FakeUpstream; claude: FakeAnthropic; openai: OpenAI }> {
  const aoai = await startFakeUpstream(azure);
  const claude = await startFakeAnthropic({ message: () => textMessage("from claude", CLAUDE_USAGE) });
  open.push(aoai, claude);
  const gw = await startTestGateway(
    standardConfig({
      resources: {
        aoai: { provider: "azure-openai", endpoint: aoai.url, apiKey: "azure-platform-key" },
        claude: { provider: "anthropic", endpoint: claude.url, apiKey: ANTHROPIC_KEY },
      },
      types: { aoai: "PTU" },
      pool: [
        { resource: "aoai", priority: anthropicFirst ? 2 : 1 },
        { resource: "claude", priority: anthropicFirst ? 1 : 2 },
      ],
    }),
  );
  open.push(gw);
  return { gw, aoai, claude, openai: new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: TEST_KEY, maxRetries: 0 }) };
}

async function streamText(openai: OpenAI): Promise<{ text: string; requestId: string | null }> {
  const { data, response } = await openai.chat.completions.create({ model: "gpt35", stream: true, messages: [{ role: "user", content: "Hi" }] }).withResponse();
  let text = "";
  for await (const c of data) text += c.choices[0]?.delta?.content ?? "";
  return { text, requestId: response.headers.get("x-request-id") };
}

test("the Azure PTU member's 429 fails over to Anthropic before the first byte: no client error, Anthropic's counts recorded", async () => {
  const { gw, claude, openai } = await mixedPool((_req, res) => sendJson(res, 429, { error: { code: "429", message: "Rate limit" } }, { "retry-after": "30" }));
  const { data, response } = await openai.chat.completions.create({ model: "gpt35", messages: [{ role: "user", content: "Hi" }] }).withResponse();
  assert.equal(data.choices[0]?.message.content, "from claude");
  assert.equal(response.headers.get("x-atrium-attempts"), "2");
  assert.equal(response.headers.get("x-atrium-target"), "claude/chat-deploy");
  const streamed = await streamText(openai);
  assert.equal(streamed.text, "from claude");
  assert.equal(claude.requests.length, 2);
  const records = (gw.usage as MemoryUsageSink).records;
  for (let i = 0; i < 100 && records.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
  for (const r of records) {
    assert.deepEqual([r.status, r.target, r.promptTokens, r.completionTokens, r.cachedTokens, r.usageSource], [200, "claude/chat-deploy", 21, 4, 8, "provider"]);
  }
  assert.equal(records.length, 2);
});

test("the Azure member's 5xx fails over to Anthropic, JSON and streams, with 0 client errors", async () => {
  const { aoai, claude, openai } = await mixedPool((_req, res) => sendJson(res, 503, { error: { message: "Service unavailable" } }));
  let errors = 0;
  for (let i = 0; i < 6; i++) {
    try {
      const text = i % 2 === 0 ? (await openai.chat.completions.create({ model: "gpt35", messages: [{ role: "user", content: "Hi" }] })).choices[0]?.message.content : (await streamText(openai)).text;
      assert.equal(text, "from claude");
    } catch {
      errors++;
    }
  }
  assert.equal(errors, 0);
  assert.ok(aoai.requests.length >= 1, "the first member was tried");
  assert.equal(claude.requests.length, 6);
});

test("Anthropic first: its 529 and an error event before the first chunk fail over to Azure", async () => {
  const azure: UpstreamHandler = async (req, res) => {
    if (readJson(req)["stream"] === true) await sendStream(res, chatChunks(["from ", "azure"], true));
    else sendJson(res, 200, chatCompletion("from azure"));
  };
  const { claude, openai } = await mixedPool(azure, true);
  claude.script({ error: { status: 529, type: "overloaded_error", message: "Overloaded" } });
  const r = await openai.chat.completions.create({ model: "gpt35", messages: [{ role: "user", content: "Hi" }] }).withResponse();
  assert.equal(r.data.choices[0]?.message.content, "from azure");
  assert.equal(r.response.headers.get("x-atrium-attempts"), "2");
  claude.script({ streamError: { after: 0, type: "overloaded_error" } });
  const tried = claude.requests.length;
  assert.equal((await streamText(openai)).text, "from azure");
  assert.equal(claude.requests.length, tried + 1, "Anthropic was asked, and its stream failed before its first chunk");
});
