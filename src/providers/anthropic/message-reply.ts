import { GatewayError } from "../../core/errors.js";
import { isObject, type JsonObject, type JsonValue } from "../../core/json.js";

/** Anthropic's `stop_reason` as OpenAI's `finish_reason`. */
export function finishReason(stop: JsonValue | undefined): string {
  switch (stop) {
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return "tool_calls";
    case "refusal":
      return "content_filter";
    default:
      // end_turn, stop_sequence, pause_turn
      return "stop";
  }
}

/** Token counts Anthropic reports, in its fields; the stream learns them in two events. */
export interface MessageUsage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

export function readUsage(raw: JsonValue | undefined, into: MessageUsage): MessageUsage {
  if (!isObject(raw)) return into;
  const n = (key: string): number | undefined => (typeof raw[key] === "number" ? raw[key] : undefined);
  into.input = n("input_tokens") ?? into.input;
  into.output = n("output_tokens") ?? into.output;
  into.cacheRead = n("cache_read_input_tokens") ?? into.cacheRead;
  into.cacheWrite = n("cache_creation_input_tokens") ?? into.cacheWrite;
  return into;
}

/**
 * OpenAI's `usage`. Anthropic's `input_tokens` leaves out the tokens read from and written to its
 * prompt cache; OpenAI's `prompt_tokens` counts every prompt token, with the cached share in
 * `prompt_tokens_details.cached_tokens`. So the prompt is the sum of the three.
 */
export function openAIUsage(u: MessageUsage): JsonObject {
  const prompt = u.input + u.cacheRead + u.cacheWrite;
  return {
    prompt_tokens: prompt,
    completion_tokens: u.output,
    total_tokens: prompt + u.output,
    prompt_tokens_details: { cached_tokens: u.cacheRead },
  };
}

/** An Anthropic Message as an OpenAI chat.completion: text joined, `tool_use` blocks as `tool_calls`. */
export function chatCompletion(message: JsonObject): JsonObject {
  if (message["type"] !== "message" || !Array.isArray(message["content"])) {
    throw new GatewayError("upstream_error", "The upstream answered in an unexpected format.", { retryable: true });
  }
  let text = "";
  const calls: JsonObject[] = [];
  for (const block of message["content"]) {
    if (!isObject(block)) continue;
    if (block["type"] === "text" && typeof block["text"] === "string") text += block["text"];
    else if (block["type"] === "tool_use") {
      calls.push({
        id: String(block["id"]),
        type: "function",
        function: { name: String(block["name"]), arguments: JSON.stringify(block["input"] ?? {}) },
      });
    }
    // thinking and redacted_thinking blocks have no place in a chat completion.
  }
  const reply: JsonObject = { role: "assistant", content: text === "" && calls.length > 0 ? null : text, refusal: null };
  if (calls.length > 0) reply["tool_calls"] = calls;
  return {
    id: typeof message["id"] === "string" ? message["id"] : "msg",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: typeof message["model"] === "string" ? message["model"] : "",
    choices: [{ index: 0, message: reply, logprobs: null, finish_reason: finishReason(message["stop_reason"]) }],
    usage: openAIUsage(readUsage(message["usage"], { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 })),
  };
}
