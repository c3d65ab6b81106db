import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import Anthropic from "@anthropic-ai/sdk";
import { ANTHROPIC_KEY, startFakeAnthropic, type FakeAnthropic } from "../support/fake-anthropic.js";

// The fake stands in for Anthropic in every other test: Anthropic's own SDK must read it as the real API.
let fake: FakeAnthropic;
let client: Anthropic;
before(async () => {
  fake = await startFakeAnthropic();
  client = new Anthropic({ baseURL: fake.url, apiKey: ANTHROPIC_KEY, maxRetries: 0 });
});
after(() => fake.close());

const TOOL_MESSAGE = {
  content: [
    { type: "text" as const, text: "Let me look." },
    { type: "tool_use" as const, id: "toolu_01", name: "get_weather", input: { city: "Paris", unit: "celsius" } },
  ],
  stop_reason: "tool_use" as const,
  usage: { input_tokens: 40, output_tokens: 12, cache_read_input_tokens: 30, cache_creation_input_tokens: 0 },
};

test("the Anthropic SDK reads the fake's JSON message, with the headers the real API requires", async () => {
  fake.script({});
  const m = await client.messages.create({ model: "claude-x", max_tokens: 64, messages: [{ role: "user", content: "Hi" }] });
  assert.equal(m.type, "message");
  assert.deepEqual(m.content, [{ type: "text", text: "Hello from Claude" }]);
  assert.equal(m.stop_reason, "end_turn");
  assert.equal(m.usage.input_tokens, 21);
  const sent = fake.requests.at(-1)!;
  assert.equal(sent.headers["authorization"], `Bearer ${ANTHROPIC_KEY}`, "this SDK sends its key as a bearer token");
  assert.equal(typeof sent.headers["anthropic-version"], "string");
});

test("the Anthropic SDK assembles the fake's stream: text, tool input from input_json_delta, usage", async () => {
  fake.script({ message: () => TOOL_MESSAGE });
  const stream = client.messages.stream({ model: "claude-x", max_tokens: 64, messages: [{ role: "user", content: "Weather?" }] });
  const types: string[] = [];
  stream.on("streamEvent", (e) => types.push(e.type));
  const m = await stream.finalMessage();
  assert.equal(types[0], "message_start");
  assert.equal(types.at(-1), "message_stop");
  assert.ok(types.includes("content_block_delta"));
  assert.equal(m.content[0]?.type === "text" && m.content[0].text, "Let me look.");
  const tool = m.content[1];
  assert.ok(tool?.type === "tool_use");
  assert.deepEqual(tool.input, { city: "Paris", unit: "celsius" });
  assert.equal(m.stop_reason, "tool_use");
  assert.equal(m.usage.output_tokens, 12);
  assert.equal(m.usage.cache_read_input_tokens, 30);
});

test("the Anthropic SDK sees the fake's 529 as overloaded_error and its 429 with retry-after", async () => {
  fake.script({ error: { status: 529, type: "overloaded_error", message: "Overloaded" } });
  await assert.rejects(client.messages.create({ model: "claude-x", max_tokens: 8, messages: [{ role: "user", content: "Hi" }] }), (err: unknown) => {
    assert.ok(err instanceof Anthropic.APIError);
    assert.equal(err.status, 529);
    assert.match(err.message, /overloaded_error/);
    return true;
  });
  fake.script({ error: { status: 429, type: "rate_limit_error", message: "Rate limited", headers: { "retry-after": "3" } } });
  await assert.rejects(client.messages.create({ model: "claude-x", max_tokens: 8, messages: [{ role: "user", content: "Hi" }] }), (err: unknown) => {
    assert.ok(err instanceof Anthropic.RateLimitError);
    assert.equal(err.headers?.get("retry-after"), "3");
    return true;
  });
});

test("the Anthropic SDK raises the fake's mid-stream error event after the text before it", async () => {
  fake.script({ streamError: { after: 4, type: "overloaded_error" } });
  const stream = client.messages.stream({ model: "claude-x", max_tokens: 64, messages: [{ role: "user", content: "Hi" }] });
  let text = "";
  stream.on("text", (t) => (text += t));
  await assert.rejects(stream.finalMessage(), (err: unknown) => {
    assert.ok(err instanceof Anthropic.APIError);
    assert.match(err.message, /Overloaded/);
    return true;
  });
  assert.equal(text, "Hello ");
});

test("the Anthropic SDK counts tokens at the fake's count_tokens and is refused without its key", async () => {
  fake.script({});
  const counted = await client.messages.countTokens({ model: "claude-x", messages: [{ role: "user", content: "Hi" }] });
  assert.ok(counted.input_tokens > 0);
  const stranger = new Anthropic({ baseURL: fake.url, apiKey: "wrong", maxRetries: 0 });
  await assert.rejects(stranger.messages.create({ model: "claude-x", max_tokens: 8, messages: [{ role: "user", content: "Hi" }] }), Anthropic.AuthenticationError);
});
