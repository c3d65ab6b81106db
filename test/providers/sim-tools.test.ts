import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import OpenAI, { BadRequestError } from "openai";
import { countTokens } from "../../src/metering/tokenizer.js";
import { standardConfig, TEST_KEY } from "../support/config-dir.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";

let gw: TestGateway;
let client: OpenAI;
before(async () => {
  gw = await startTestGateway(standardConfig({ resources: { sim: { provider: "sim", tokensPerSecond: 0, embeddingDimensions: 16 } } }));
  client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: TEST_KEY, maxRetries: 0 });
});
after(() => gw.close());

const WEATHER = {
  type: "function" as const,
  function: {
    name: "get_weather",
    parameters: {
      type: "object",
      properties: { city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] }, days: { type: "integer", minimum: 1, maximum: 7 } },
      required: ["city", "unit"],
    },
  },
};
const STOCK = { type: "function" as const, function: { name: "get_stock_price", parameters: { type: "object", properties: { symbol: { type: "string" } }, required: ["symbol"] } } };

test("offered tools, the simulated model calls the one the prompt names, with arguments its schema accepts", async () => {
  const ask = () => client.chat.completions.create({ model: "gpt35", tools: [STOCK, WEATHER], messages: [{ role: "user", content: "What is the weather in Paris?" }] });
  const r = await ask();
  const choice = r.choices[0];
  assert.equal(choice?.finish_reason, "tool_calls");
  assert.equal(choice?.message.content, null);
  const call = choice?.message.tool_calls?.[0];
  assert.ok(call && call.type === "function");
  assert.equal(call.function.name, "get_weather");
  assert.match(call.id, /^call_/);
  const args = JSON.parse(call.function.arguments) as Record<string, unknown>;
  assert.equal(typeof args["city"], "string");
  assert.ok(["celsius", "fahrenheit"].includes(args["unit"] as string));
  assert.ok(Number.isInteger(args["days"]) && (args["days"] as number) >= 1 && (args["days"] as number) <= 7);
  assert.equal(r.usage?.completion_tokens, countTokens(call.function.arguments, "gpt-35-turbo"));
  assert.deepEqual((await ask()).choices[0]?.message.tool_calls, choice?.message.tool_calls, "deterministic");
});

test("tool_choice: none answers in text, a named function is called, and a tool's result gets an answer", async () => {
  const none = await client.chat.completions.create({ model: "gpt35", tools: [WEATHER], tool_choice: "none", messages: [{ role: "user", content: "Weather?" }] });
  assert.equal(none.choices[0]?.finish_reason, "stop");
  assert.ok((none.choices[0]?.message.content ?? "").length > 0);
  const named = await client.chat.completions.create({
    model: "gpt35",
    tools: [WEATHER, STOCK],
    tool_choice: { type: "function", function: { name: "get_stock_price" } },
    messages: [{ role: "user", content: "Weather?" }],
  });
  const call = named.choices[0]?.message.tool_calls?.[0];
  assert.equal(call?.type === "function" ? call.function.name : undefined, "get_stock_price");
  const answered = await client.chat.completions.create({
    model: "gpt35",
    tools: [WEATHER],
    messages: [
      { role: "user", content: "Weather in Paris?" },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris","unit":"celsius"}' } }] },
      { role: "tool", tool_call_id: "call_1", content: "18 degrees" },
    ],
  });
  assert.equal(answered.choices[0]?.finish_reason, "stop");
  assert.ok((answered.choices[0]?.message.content ?? "").length > 0);
  await assert.rejects(
    client.chat.completions.create({ model: "gpt35", tools: [WEATHER], tool_choice: { type: "function", function: { name: "nope" } }, messages: [{ role: "user", content: "x" }] }),
    (err: unknown) => err instanceof BadRequestError && /nope/.test(err.message),
  );
});

test("a streamed tool call sends its arguments in pieces that add up to the whole answer's", async () => {
  const messages = [{ role: "user" as const, content: "What is the weather in Paris?" }];
  const whole = await client.chat.completions.create({ model: "gpt35", tools: [WEATHER], messages });
  const stream = await client.chat.completions.create({ model: "gpt35", tools: [WEATHER], messages, stream: true });
  let args = "";
  let name = "";
  let pieces = 0;
  let finish: string | null | undefined;
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    for (const t of choice?.delta.tool_calls ?? []) {
      name += t.function?.name ?? "";
      if (t.function?.arguments) pieces++;
      args += t.function?.arguments ?? "";
    }
    if (choice?.finish_reason) finish = choice.finish_reason;
  }
  const call = whole.choices[0]?.message.tool_calls?.[0];
  assert.equal(name, "get_weather");
  assert.equal(args, call?.type === "function" ? call.function.arguments : undefined);
  assert.ok(pieces > 1, "arguments are streamed, not sent at once");
  assert.equal(finish, "tool_calls");
  // The SDK's own accumulator agrees.
  const final = await client.chat.completions.stream({ model: "gpt35", tools: [WEATHER], messages }).finalChatCompletion();
  const streamedCall = final.choices[0]?.message.tool_calls?.[0];
  assert.equal(streamedCall?.type === "function" ? streamedCall.function.arguments : undefined, args);
});

test("response_format json_object and json_schema answer valid JSON; a schema's required properties and types hold", async () => {
  const object = await client.chat.completions.create({ model: "gpt35", response_format: { type: "json_object" }, messages: [{ role: "user", content: "Answer in JSON" }] });
  assert.equal(typeof JSON.parse(object.choices[0]?.message.content ?? ""), "object");
  const schema = {
    type: "object",
    properties: {
      name: { type: "string" },
      age: { type: "integer", minimum: 0, maximum: 120 },
      tags: { type: "array", items: { type: "string" }, minItems: 2 },
      address: { $ref: "#/$defs/address" },
      nickname: { anyOf: [{ type: "string" }, { type: "null" }] },
    },
    required: ["name", "age", "tags", "address", "nickname"],
    additionalProperties: false,
    $defs: { address: { type: "object", properties: { city: { type: "string" }, zip: { type: "string" } }, required: ["city", "zip"] } },
  };
  const r = await client.chat.completions.create({
    model: "gpt35",
    response_format: { type: "json_schema", json_schema: { name: "person", schema, strict: true } },
    messages: [{ role: "user", content: "Make up a person" }],
  });
  const person = JSON.parse(r.choices[0]?.message.content ?? "") as Record<string, unknown>;
  assert.deepEqual(Object.keys(person).sort(), ["address", "age", "name", "nickname", "tags"]);
  assert.equal(typeof person["name"], "string");
  assert.ok(Number.isInteger(person["age"]));
  assert.ok(Array.isArray(person["tags"]) && person["tags"].length >= 2 && person["tags"].every((t) => typeof t === "string"));
  assert.deepEqual(Object.keys(person["address"] as object).sort(), ["city", "zip"]);
  assert.equal(typeof person["nickname"], "string");
});

test("n asks for n choices, each indexed, and the usage counts them all", async () => {
  const r = await client.chat.completions.create({ model: "gpt35", n: 3, messages: [{ role: "user", content: "Three ways" }] });
  assert.deepEqual(r.choices.map((c) => c.index), [0, 1, 2]);
  const texts = r.choices.map((c) => c.message.content ?? "");
  assert.equal(new Set(texts).size, 3, "the choices differ");
  assert.equal(r.usage?.completion_tokens, texts.reduce((s, t) => s + countTokens(t, "gpt-35-turbo"), 0));
  const one = await client.chat.completions.create({ model: "gpt35", messages: [{ role: "user", content: "Three ways" }] });
  assert.equal(texts[0], one.choices[0]?.message.content, "choice 0 is the answer without n");
  const stream = await client.chat.completions.create({ model: "gpt35", n: 2, stream: true, messages: [{ role: "user", content: "Three ways" }] });
  const streamed = ["", ""];
  for await (const chunk of stream) for (const c of chunk.choices) streamed[c.index] += c.delta.content ?? "";
  assert.deepEqual(streamed, texts.slice(0, 2));
});

test("completion tokens never exceed max_tokens or max_completion_tokens; a cut answer ends with length", async () => {
  for (const content of ["Hi", "Tell me about pools", "Another prompt", "What now?"]) {
    for (const limit of [1, 4, 5, 9]) {
      const r = await client.chat.completions.create({ model: "gpt35", max_tokens: limit, messages: [{ role: "user", content }] });
      const text = r.choices[0]?.message.content ?? "";
      assert.ok((r.usage?.completion_tokens ?? 0) <= limit, `${r.usage?.completion_tokens} tokens for max_tokens ${limit}`);
      assert.equal(r.usage?.completion_tokens, countTokens(text, "gpt-35-turbo"));
      assert.equal(r.choices[0]?.finish_reason, "length");
    }
  }
  const tool = await client.chat.completions.create({ model: "gpt35", max_completion_tokens: 3, tools: [WEATHER], messages: [{ role: "user", content: "Weather?" }] });
  assert.ok((tool.usage?.completion_tokens ?? 99) <= 3);
  assert.equal(tool.choices[0]?.finish_reason, "length");
});

test("a chat deployment asked for embeddings answers 400 as a real one does, and an embedding one asked to chat too", async () => {
  await assert.rejects(
    client.embeddings.create({ model: "gpt35", input: "hello" }),
    (err: unknown) => err instanceof BadRequestError && err.status === 400 && /embeddings operation does not work with the specified model/.test(err.message),
  );
  await assert.rejects(
    client.chat.completions.create({ model: "embed", messages: [{ role: "user", content: "hello" }] }),
    (err: unknown) => err instanceof BadRequestError && /chatCompletion operation does not work/.test(err.message),
  );
});
