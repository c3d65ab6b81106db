import { test } from "node:test";
import assert from "node:assert/strict";
import { GatewayError } from "../../src/core/errors.js";
import type { JsonObject } from "../../src/core/json.js";
import type { SseEvent } from "../../src/core/reply.js";
import { anthropicError } from "../../src/providers/anthropic/anthropic-errors.js";
import { chatCompletion } from "../../src/providers/anthropic/message-reply.js";
import { messageStream } from "../../src/providers/anthropic/message-stream.js";
import { messagesRequest } from "../../src/providers/anthropic/messages-request.js";

const OLD = "2023-06-01";

test("stop reasons become finish reasons", () => {
  const reasons = ["end_turn", "stop_sequence", "max_tokens", "tool_use", "refusal", "pause_turn", "model_context_window_exceeded"];
  const finish = reasons.map((stop_reason) => {
    const c = chatCompletion({ type: "message", id: "m", model: "c", content: [], stop_reason, usage: { input_tokens: 1, output_tokens: 1 } });
    return (c["choices"] as Array<{ finish_reason: string }>)[0]?.finish_reason;
  });
  assert.deepEqual(finish, ["stop", "stop", "length", "tool_calls", "content_filter", "stop", "length"]);
});

test("consecutive turns of one role are merged; tool_choice none and a named function translate", () => {
  const out = messagesRequest(
    {
      messages: [
        { role: "user", content: "a" },
        { role: "user", content: "b" },
      ],
      tools: [{ type: "function", function: { name: "f" } }],
      tool_choice: { type: "function", function: { name: "f" } },
      user: "u-1",
      frequency_penalty: 1,
      seed: 3,
    },
    "claude",
    false,
    OLD,
  );
  assert.deepEqual(out["messages"], [{ role: "user", content: [{ type: "text", text: "a" }, { type: "text", text: "b" }] }]);
  assert.deepEqual(out["tool_choice"], { type: "tool", name: "f" });
  assert.deepEqual(out["metadata"], { user_id: "u-1" });
  assert.equal(out["frequency_penalty"], undefined, "no counterpart: dropped");
  assert.deepEqual(messagesRequest({ messages: [{ role: "user", content: "x" }], tool_choice: "none" }, "c", false, OLD)["tool_choice"], { type: "none" });
});

test("API version 2026-10-21 and later are sent no sampling parameters", () => {
  const body = { messages: [{ role: "user", content: "x" }], temperature: 0.5, top_p: 0.5 };
  assert.equal(messagesRequest(body, "c", false, OLD)["temperature"], 0.5);
  const newer = messagesRequest(body, "c", false, "2026-10-21");
  assert.equal(newer["temperature"], undefined);
  assert.equal(newer["top_p"], undefined);
});

test("tool call arguments that are not a JSON object are the caller's 400", () => {
  const body: JsonObject = { messages: [{ role: "assistant", tool_calls: [{ id: "t", type: "function", function: { name: "f", arguments: "{oops" } }] }] };
  assert.throws(() => messagesRequest(body, "c", false, OLD), (err: unknown) => err instanceof GatewayError && err.status === 400 && err.detail.param === "messages[0].tool_calls[0].function.arguments");
});

function run(events: Array<[string, object]>): { out: JsonObject[]; done: boolean[] } {
  const t = messageStream();
  const out: JsonObject[] = [];
  const done = events.map(([name, data]) => t.event(name, JSON.stringify(data), (e: SseEvent) => out.push(e.json as JsonObject)));
  return { out, done };
}

test("the stream skips ping and thinking, and ends at message_stop with the usage Anthropic reported", () => {
  const { out, done } = run([
    ["message_start", { type: "message_start", message: { id: "msg_1", model: "claude", usage: { input_tokens: 10, output_tokens: 1, cache_read_input_tokens: 4, cache_creation_input_tokens: 2 } } }],
    ["ping", { type: "ping" }],
    ["content_block_start", { type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "" } }],
    ["content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "hmm" } }],
    ["content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "signature_delta", signature: "sig" } }],
    ["content_block_stop", { type: "content_block_stop", index: 0 }],
    ["content_block_start", { type: "content_block_start", index: 1, content_block: { type: "text", text: "" } }],
    ["content_block_delta", { type: "content_block_delta", index: 1, delta: { type: "text_delta", text: "Hi" } }],
    ["some_future_event", { type: "some_future_event" }],
    ["message_delta", { type: "message_delta", delta: { stop_reason: "max_tokens" }, usage: { output_tokens: 7 } }],
    ["message_stop", { type: "message_stop" }],
  ]);
  assert.deepEqual(done, [false, false, false, false, false, false, false, false, false, false, true]);
  const deltas = out.map((c) => (c["choices"] as Array<{ delta: unknown; finish_reason: unknown }>)[0]);
  assert.deepEqual(deltas.slice(0, 3), [
    { index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null },
    { index: 0, delta: { content: "Hi" }, logprobs: null, finish_reason: null },
    { index: 0, delta: {}, logprobs: null, finish_reason: "length" },
  ]);
  assert.equal(out[0]?.["id"], "msg_1");
  assert.deepEqual(out.at(-1)?.["usage"], { prompt_tokens: 16, completion_tokens: 7, total_tokens: 23, prompt_tokens_details: { cached_tokens: 4 } });
});

test("an error event fails the stream: overloaded as a retryable 503", () => {
  assert.throws(
    () => run([["error", { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }]]),
    (err: unknown) => err instanceof GatewayError && err.status === 503 && err.detail.retryable === true,
  );
});

test("529 is retryable with Anthropic's retry-after; a 500 is retryable; a 400 is not", () => {
  const overloaded = anthropicError(529, JSON.stringify({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }), { "retry-after": "2" });
  assert.deepEqual([overloaded.status, overloaded.detail.retryable, overloaded.detail.retryAfterMs], [503, true, 2000]);
  assert.equal(anthropicError(500, "not json", {}).detail.retryable, true);
  const bad = anthropicError(400, JSON.stringify({ type: "error", error: { type: "invalid_request_error", message: "max_tokens: too large" } }), {});
  assert.deepEqual([bad.code, bad.detail.retryable ?? false], ["invalid_request", false]);
  assert.match(bad.message, /max_tokens: too large/);
});
