import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import Anthropic from "@anthropic-ai/sdk";
import type { MemoryUsageSink } from "../../src/metering/memory-usage-sink.js";
import { standardConfig, TEST_KEY } from "../support/config-dir.js";
import { ANTHROPIC_KEY, startFakeAnthropic, textMessage, type FakeAnthropic } from "../support/fake-anthropic.js";
import { readJson, sendStream, startFakeUpstream, type FakeUpstream } from "../support/fake-upstream.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";

// The Anthropic SDK talks to Atrium's /v1/messages; behind it the simulated model, an OpenAI
// deployment (tool calls streamed in OpenAI's chunks) and an Anthropic one.
let sim: TestGateway;
let openaiUp: FakeUpstream;
let viaOpenAI: TestGateway;
let claudeUp: FakeAnthropic;
let viaClaude: TestGateway;

const TOOL_CHUNKS = [
  { choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] },
  { choices: [{ index: 0, delta: { content: "Looking it up." }, finish_reason: null }] },
  { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "get_weather", arguments: "" } }] }, finish_reason: null }] },
  { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }, finish_reason: null }] },
  { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }, finish_reason: null }] },
  { choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }] },
  { choices: [], usage: { prompt_tokens: 40, completion_tokens: 12, total_tokens: 52, prompt_tokens_details: { cached_tokens: 16 } } },
].map((c) => `data: ${JSON.stringify({ id: "chatcmpl-9", object: "chat.completion.chunk", created: 1, model: "gpt-4o", ...c })}\n\n`);

before(async () => {
  sim = await startTestGateway(standardConfig({ contentSafety: "off" }));
  openaiUp = await startFakeUpstream((_req, res) => sendStream(res, TOOL_CHUNKS));
  viaOpenAI = await startTestGateway(standardConfig({ resources: { gpt: { provider: "openai", endpoint: `${openaiUp.url}/v1`, apiKey: "sk-platform" } }, contentSafety: "off" }));
  claudeUp = await startFakeAnthropic();
  viaClaude = await startTestGateway(standardConfig({ resources: { claude: { provider: "anthropic", endpoint: claudeUp.url, apiKey: ANTHROPIC_KEY } }, contentSafety: "off" }));
});
after(async () => {
  for (const gw of [sim, viaOpenAI, viaClaude]) await gw.close();
  await openaiUp.close();
  await claudeUp.close();
});

const client = (gw: TestGateway, apiKey = TEST_KEY) => new Anthropic({ baseURL: gw.url, apiKey, maxRetries: 0 });

test("the Anthropic SDK gets a Message from the simulated model, and the request a usage record", async () => {
  const { data, response } = await client(sim)
    .messages.create({ model: "gpt35", max_tokens: 50, system: "Be brief.", messages: [{ role: "user", content: "Tell me about gateways" }] })
    .withResponse();
  assert.equal(data.type, "message");
  assert.equal(data.role, "assistant");
  assert.equal(data.content[0]?.type, "text");
  assert.ok(data.content[0]?.type === "text" && data.content[0].text.length > 0);
  assert.equal(data.stop_reason, "end_turn");
  assert.ok(data.usage.input_tokens > 0 && data.usage.output_tokens > 0);
  const requestId = response.headers.get("x-request-id");
  const sink = sim.usage as MemoryUsageSink;
  for (let i = 0; i < 100 && !sink.records.some((r) => r.requestId === requestId); i++) await new Promise((r) => setTimeout(r, 20));
  const record = sink.records.find((r) => r.requestId === requestId);
  assert.deepEqual([record?.status, record?.promptTokens, record?.completionTokens], [200, data.usage.input_tokens, data.usage.output_tokens]);
});

test("the Anthropic SDK streams from the simulated model: the same text as JSON, events in Anthropic's order", async () => {
  const params = { model: "gpt35", max_tokens: 50, messages: [{ role: "user" as const, content: "Stream me a story" }] };
  const whole = await client(sim).messages.create(params);
  const stream = client(sim).messages.stream(params);
  const types: string[] = [];
  stream.on("streamEvent", (e) => types.push(e.type));
  const m = await stream.finalMessage();
  assert.deepEqual(m.content, whole.content);
  assert.equal(m.stop_reason, "end_turn");
  assert.equal(m.usage.output_tokens, whole.usage.output_tokens);
  assert.deepEqual([types[0], types[1], types.at(-3), types.at(-2), types.at(-1)], ["message_start", "content_block_start", "content_block_stop", "message_delta", "message_stop"]);
});

test("x-api-key, as Claude Code and older SDKs send it, authenticates; a wrong key is Anthropic's authentication_error", async () => {
  const res = await fetch(`${sim.url}/v1/messages`, {
    method: "POST",
    headers: { "x-api-key": TEST_KEY, "anthropic-version": "2023-06-01", "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt35", max_tokens: 10, messages: [{ role: "user", content: "Hi" }] }),
  });
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { type: string }).type, "message");
  await assert.rejects(client(sim, "not-a-key-at-all-0000").messages.create({ model: "gpt35", max_tokens: 10, messages: [{ role: "user", content: "Hi" }] }), (err: unknown) => {
    assert.ok(err instanceof Anthropic.AuthenticationError);
    assert.equal((err.error as { error: { type: string } }).error.type, "authentication_error");
    return true;
  });
});

test("a request Anthropic would refuse is refused in Anthropic's error shape", async () => {
  const noMax = await fetch(`${sim.url}/v1/messages`, {
    method: "POST",
    headers: { "x-api-key": TEST_KEY, "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt35", messages: [{ role: "user", content: "Hi" }] }),
  });
  assert.equal(noMax.status, 400);
  assert.deepEqual(await noMax.json(), { type: "error", error: { type: "invalid_request_error", message: "max_tokens: Field required", code: "invalid_request" } });
  await assert.rejects(client(sim).messages.create({ model: "no-such-model", max_tokens: 10, messages: [{ role: "user", content: "Hi" }] }), Anthropic.NotFoundError);
  await assert.rejects(
    client(sim).messages.create({ model: "gpt35", max_tokens: 10, messages: [{ role: "user", content: [{ type: "document", source: { type: "text", media_type: "text/plain", data: "x" } }] }] }),
    (err: unknown) => err instanceof Anthropic.BadRequestError && /content blocks of type document/.test(err.message),
  );
});

test("count_tokens answers the gateway's estimate for a deployment the caller may use", async () => {
  const counted = await client(sim).messages.countTokens({ model: "gpt35", messages: [{ role: "user", content: "How many tokens is this sentence?" }] });
  assert.ok(counted.input_tokens > 5 && counted.input_tokens < 30, `got ${counted.input_tokens}`);
  await assert.rejects(client(sim).messages.countTokens({ model: "gpt4o", messages: [{ role: "user", content: "Hi" }] }), Anthropic.NotFoundError);
});

test("through an OpenAI deployment: tools and tool results go out as chat, streamed tool calls come back as tool_use", async () => {
  const stream = client(viaOpenAI).messages.stream({
    model: "gpt35",
    max_tokens: 200,
    system: [{ type: "text", text: "You are terse." }],
    tools: [{ name: "get_weather", description: "Weather", input_schema: { type: "object", properties: { city: { type: "string" } } } }],
    tool_choice: { type: "any", disable_parallel_tool_use: true },
    messages: [
      { role: "user", content: "Weather in Oslo?" },
      { role: "assistant", content: [{ type: "tool_use", id: "call_0", name: "get_weather", input: { city: "Oslo" } }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "call_0", content: "rainy" }, { type: "text", text: "And Paris?" }] },
    ],
  });
  const m = await stream.finalMessage();
  const sent = readJson(openaiUp.requests.at(-1)!);
  assert.deepEqual(sent["messages"], [
    { role: "system", content: "You are terse." },
    { role: "user", content: "Weather in Oslo?" },
    { role: "assistant", content: null, tool_calls: [{ id: "call_0", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } }] },
    { role: "tool", tool_call_id: "call_0", content: "rainy" },
    { role: "user", content: [{ type: "text", text: "And Paris?" }] },
  ]);
  assert.deepEqual(sent["tools"], [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } }, description: "Weather" } }]);
  assert.equal(sent["tool_choice"], "required");
  assert.equal(sent["parallel_tool_calls"], false);
  assert.equal(m.content[0]?.type === "text" && m.content[0].text, "Looking it up.");
  assert.deepEqual(m.content[1], { type: "tool_use", id: "call_1", name: "get_weather", input: { city: "Paris" } });
  assert.equal(m.stop_reason, "tool_use");
  assert.deepEqual([m.usage.input_tokens, m.usage.cache_read_input_tokens, m.usage.output_tokens], [24, 16, 12]);
});

test("Anthropic in, Anthropic out: the Message and its cache counts survive the round trip through the internal model", async () => {
  claudeUp.script({ message: () => textMessage("Bonjour", { input_tokens: 21, output_tokens: 9, cache_read_input_tokens: 30, cache_creation_input_tokens: 0 }) });
  const m = await client(viaClaude).messages.create({ model: "gpt35", max_tokens: 50, messages: [{ role: "user", content: "Hi" }] });
  assert.deepEqual(m.content, [{ type: "text", text: "Bonjour" }]);
  assert.deepEqual([m.usage.input_tokens, m.usage.cache_read_input_tokens, m.usage.output_tokens], [21, 30, 9]);
  assert.equal(readJson(claudeUp.requests.at(-1)!)["max_tokens"], 50);
});

test("a failure after the first event ends the SDK's stream with Anthropic's error event", async () => {
  claudeUp.script({ message: () => textMessage("one two three four"), streamError: { after: 5, type: "api_error" } });
  const stream = client(viaClaude).messages.stream({ model: "gpt35", max_tokens: 50, messages: [{ role: "user", content: "Hi" }] });
  let text = "";
  stream.on("text", (t) => (text += t));
  await assert.rejects(stream.finalMessage(), (err: unknown) => err instanceof Anthropic.APIError && /upstream stream failed/.test(err.message));
  assert.equal(text, "one two ");
  claudeUp.script({});
});
