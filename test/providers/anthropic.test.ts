import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";
import type { UsageRecord } from "../../src/core/usage-record.js";
import type { MemoryUsageSink } from "../../src/metering/memory-usage-sink.js";
import { standardConfig, TEST_KEY } from "../support/config-dir.js";
import { ANTHROPIC_KEY, startFakeAnthropic, textMessage, type FakeAnthropic, type FakeMessage } from "../support/fake-anthropic.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";

let fake: FakeAnthropic;
let gw: TestGateway;
let openai: OpenAI;

const CACHED_USAGE = { input_tokens: 21, output_tokens: 9, cache_read_input_tokens: 30, cache_creation_input_tokens: 5 };
const TOOL_MESSAGE: FakeMessage = {
  content: [
    { type: "text", text: "Checking." },
    { type: "tool_use", id: "toolu_01A", name: "get_weather", input: { city: "Paris", days: [1, 2] } },
    { type: "tool_use", id: "toolu_01B", name: "get_time", input: { zone: "Europe/Paris" } },
  ],
  stop_reason: "tool_use",
  usage: { input_tokens: 50, output_tokens: 30, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
};
const TOOLS: OpenAI.Chat.ChatCompletionTool[] = [
  { type: "function", function: { name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } } } },
  { type: "function", function: { name: "get_time" } },
];

before(async () => {
  fake = await startFakeAnthropic();
  process.env["ATRIUM_TEST_ANTHROPIC_KEY"] = ANTHROPIC_KEY;
  gw = await startTestGateway(standardConfig({ resources: { claude: { provider: "anthropic", endpoint: fake.url, apiKey: "${ATRIUM_TEST_ANTHROPIC_KEY}" } } }));
  openai = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: TEST_KEY, maxRetries: 0 });
});
after(async () => {
  await gw.close();
  await fake.close();
});

function sentBody(): Record<string, unknown> {
  return JSON.parse(fake.requests.at(-1)!.body) as Record<string, unknown>;
}

async function record(requestId: string | null): Promise<UsageRecord> {
  const sink = gw.usage as MemoryUsageSink;
  for (let i = 0; i < 100; i++) {
    const r = sink.records.find((x) => x.requestId === requestId);
    if (r) return r;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no usage record for ${requestId}`);
}

test("a chat completion goes out as a Messages request with the platform's key and comes back OpenAI-shaped", async () => {
  fake.script({ message: () => textMessage("Bonjour", CACHED_USAGE) });
  const { data, response } = await openai.chat.completions
    .create({
      model: "gpt35",
      temperature: 0.3,
      top_p: 0.9,
      stop: "END",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "developer", content: "Answer in French." },
        { role: "user", content: "Hello" },
      ],
    })
    .withResponse();
  const sent = fake.requests.at(-1)!;
  assert.equal(sent.url, "/v1/messages");
  assert.equal(sent.headers["x-api-key"], ANTHROPIC_KEY, "the platform's key from ${VAR}");
  assert.equal(sent.headers["anthropic-version"], "2023-06-01");
  assert.equal(sent.headers["authorization"], undefined, "the caller's key never goes upstream");
  assert.deepEqual(sentBody(), {
    model: "chat-deploy",
    messages: [{ role: "user", content: "Hello" }],
    system: "Be brief.\n\nAnswer in French.",
    max_tokens: 4096,
    temperature: 0.3,
    top_p: 0.9,
    stop_sequences: ["END"],
  });
  assert.equal(data.object, "chat.completion");
  assert.equal(data.choices[0]?.message.content, "Bonjour");
  assert.equal(data.choices[0]?.finish_reason, "stop");
  assert.deepEqual(data.usage, { prompt_tokens: 56, completion_tokens: 9, total_tokens: 65, prompt_tokens_details: { cached_tokens: 30 } });
  const r = await record(response.headers.get("x-request-id"));
  assert.deepEqual([r.promptTokens, r.completionTokens, r.cachedTokens, r.totalTokens, r.usageSource], [56, 9, 30, 65, "provider"]);
  assert.equal(r.target, "claude/chat-deploy");
});

test("tool calls, tool results and images are translated both ways", async () => {
  fake.script({ message: () => TOOL_MESSAGE });
  const png = "iVBORw0KGgo=";
  const r = await openai.chat.completions.create({
    model: "gpt35",
    max_tokens: 300,
    tools: TOOLS,
    tool_choice: "required",
    parallel_tool_calls: false,
    messages: [
      { role: "user", content: [{ type: "text", text: "What is here?" }, { type: "image_url", image_url: { url: `data:image/png;base64,${png}` } }, { type: "image_url", image_url: { url: "https://example.com/a.jpg" } }] },
      { role: "assistant", content: null, tool_calls: [{ id: "toolu_0", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } }] },
      { role: "tool", tool_call_id: "toolu_0", content: "rainy" },
      { role: "user", content: "And Paris?" },
    ],
  });
  const body = sentBody();
  assert.equal(body["max_tokens"], 300);
  assert.deepEqual(body["tools"], [
    { name: "get_weather", description: "Weather", input_schema: { type: "object", properties: { city: { type: "string" } } } },
    { name: "get_time", input_schema: { type: "object", properties: {} } },
  ]);
  assert.deepEqual(body["tool_choice"], { type: "any", disable_parallel_tool_use: true });
  assert.deepEqual(body["messages"], [
    {
      role: "user",
      content: [
        { type: "text", text: "What is here?" },
        { type: "image", source: { type: "base64", media_type: "image/png", data: png } },
        { type: "image", source: { type: "url", url: "https://example.com/a.jpg" } },
      ],
    },
    { role: "assistant", content: [{ type: "tool_use", id: "toolu_0", name: "get_weather", input: { city: "Oslo" } }] },
    { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_0", content: "rainy" }, { type: "text", text: "And Paris?" }] },
  ]);
  const message = r.choices[0]?.message;
  assert.equal(r.choices[0]?.finish_reason, "tool_calls");
  assert.equal(message?.content, "Checking.");
  assert.deepEqual(
    message?.tool_calls?.map((c) => (c.type === "function" ? [c.id, c.function.name, JSON.parse(c.function.arguments) as unknown] : [])),
    [
      ["toolu_01A", "get_weather", { city: "Paris", days: [1, 2] }],
      ["toolu_01B", "get_time", { zone: "Europe/Paris" }],
    ],
  );
});

test("a stream with tools: the SDK assembles each call's arguments from input_json_delta, usage last when asked", async () => {
  fake.script({ message: () => TOOL_MESSAGE });
  const stream = await openai.chat.completions
    .create({ model: "gpt35", stream: true, stream_options: { include_usage: true }, tools: TOOLS, messages: [{ role: "user", content: "Weather and time in Paris?" }] })
    .withResponse();
  const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
  for await (const chunk of stream.data) chunks.push(chunk);
  assert.equal(sentBody()["stream"], true);
  const args = new Map<number, { id?: string; name?: string; arguments: string }>();
  let text = "";
  for (const c of chunks) {
    const delta = c.choices[0]?.delta;
    text += delta?.content ?? "";
    for (const call of delta?.tool_calls ?? []) {
      const seen = args.get(call.index) ?? { arguments: "" };
      if (call.id) seen.id = call.id;
      if (call.function?.name) seen.name = call.function.name;
      seen.arguments += call.function?.arguments ?? "";
      args.set(call.index, seen);
    }
  }
  assert.equal(text, "Checking.");
  assert.ok(chunks.filter((c) => c.choices[0]?.delta?.tool_calls).length > 4, "arguments arrive in pieces, not at the end");
  assert.deepEqual(JSON.parse(args.get(0)?.arguments ?? ""), { city: "Paris", days: [1, 2] });
  assert.deepEqual([args.get(0)?.id, args.get(0)?.name, args.get(1)?.id, args.get(1)?.name], ["toolu_01A", "get_weather", "toolu_01B", "get_time"]);
  assert.deepEqual(JSON.parse(args.get(1)?.arguments ?? ""), { zone: "Europe/Paris" });
  assert.equal(chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0]?.finish_reason, "tool_calls");
  assert.deepEqual(chunks.at(-1)?.usage, { prompt_tokens: 50, completion_tokens: 30, total_tokens: 80, prompt_tokens_details: { cached_tokens: 0 } });
  const r = await record(stream.response.headers.get("x-request-id"));
  assert.deepEqual([r.promptTokens, r.completionTokens, r.usageSource, r.streamed], [50, 30, "provider", true]);
});

test("a stream without include_usage: no usage reaches the client, the record has Anthropic's counts", async () => {
  fake.script({ message: () => textMessage("one two three", CACHED_USAGE) });
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt35", stream: true, messages: [{ role: "user", content: "Count" }] }),
  });
  const text = await res.text();
  assert.ok(text.endsWith("data: [DONE]\n\n"));
  assert.ok(!text.includes('"usage"'));
  assert.ok(!text.includes("message_start") && !text.includes("event:"), "no Anthropic event reaches an OpenAI client");
  const r = await record(res.headers.get("x-request-id"));
  assert.deepEqual([r.promptTokens, r.completionTokens, r.cachedTokens, r.usageSource], [56, 9, 30, "provider"]);
});

async function rawChat(body: Record<string, unknown> = {}, path = "/v1/chat/completions") {
  const res = await fetch(`${gw.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt35", messages: [{ role: "user", content: "Hi" }], ...body }),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

test("Anthropic's errors come back OpenAI-shaped: 400 with its message, 401 as the platform's problem", async () => {
  fake.script({ error: { status: 400, type: "invalid_request_error", message: "messages.0.content: Input should be a valid list" } });
  const bad = await rawChat();
  assert.equal(bad.status, 400);
  const error = (JSON.parse(bad.text) as { error: Record<string, unknown> }).error;
  assert.deepEqual(Object.keys(error).sort(), ["code", "message", "param", "type"]);
  assert.equal(error["code"], "invalid_request");
  assert.match(String(error["message"]), /Input should be a valid list/);
  assert.ok(!bad.text.includes("invalid_request_error\",\"message"), "not Anthropic's body as it came");

  fake.script({ error: { status: 401, type: "authentication_error", message: `invalid x-api-key ${ANTHROPIC_KEY}` } });
  const cred = await rawChat();
  assert.ok(cred.status >= 500, `the platform's credential problem is not the caller's 401 (got ${cred.status})`);
  assert.ok(!cred.text.includes(ANTHROPIC_KEY));

  fake.script({});
});

test("Anthropic's 429 comes back as a 429 with its retry-after", async () => {
  // A gateway of its own: the 429 cools its only member for the time retry-after says.
  const own = await startTestGateway(standardConfig({ resources: { claude: { provider: "anthropic", endpoint: fake.url, apiKey: ANTHROPIC_KEY } } }));
  try {
    fake.script({ error: { status: 429, type: "rate_limit_error", message: "Number of request tokens has exceeded your per-minute rate limit", headers: { "retry-after": "7" } } });
    const res = await fetch(`${own.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt35", messages: [{ role: "user", content: "Hi" }] }),
    });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get("retry-after"), "7");
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, "rate_limited");
  } finally {
    fake.script({});
    await own.close();
  }
});

test("an error event mid-stream ends the client's stream with an error event and no [DONE]", async () => {
  fake.script({ message: () => textMessage("one two three four five"), streamError: { after: 5, type: "overloaded_error" } });
  const r = await rawChat({ stream: true });
  assert.equal(r.status, 200);
  const events = r.text.split("\n\n").filter((e) => e.startsWith("data: "));
  assert.ok(events.some((e) => e.includes('"content":"one "')), "what came before the error was delivered");
  assert.ok(!r.text.includes("[DONE]"));
  const last = JSON.parse(events.at(-1)!.slice(6)) as { error?: { code: string } };
  assert.equal(last.error?.code, "upstream_error");
  fake.script({});
});

test("what Anthropic cannot do is refused with a 400 naming it", async () => {
  const n = await rawChat({ n: 2 });
  assert.equal(n.status, 400);
  assert.match(n.text, /does not support n > 1/);
  const json = await rawChat({ response_format: { type: "json_object" } });
  assert.equal(json.status, 400);
  assert.match(json.text, /response_format json_object/);
  const audio = await rawChat({ messages: [{ role: "user", content: [{ type: "input_audio", input_audio: { data: "", format: "wav" } }] }] });
  assert.equal(audio.status, 400);
  assert.match(audio.text, /content parts of type input_audio/);
  const before = fake.requests.length;
  const embed = await rawChat({ model: "embed", input: "hello" }, "/v1/embeddings");
  assert.equal(embed.status, 400);
  assert.match(embed.text, /does not support embeddings/);
  assert.equal(fake.requests.length, before, "nothing was sent upstream");
});
