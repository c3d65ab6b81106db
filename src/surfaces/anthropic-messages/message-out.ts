import { isObject, type JsonObject, type JsonValue } from "../../core/json.js";
import type { Usage } from "../../core/usage.js";

/** OpenAI's `finish_reason` as Anthropic's `stop_reason`. */
export function stopReason(finish: JsonValue | undefined): string {
  switch (finish) {
    case "length":
      return "max_tokens";
    case "tool_calls":
    case "function_call":
      return "tool_use";
    case "content_filter":
      return "refusal";
    default:
      return "end_turn";
  }
}

/**
 * Anthropic's usage from ours: its `input_tokens` leaves out what was read from the prompt cache
 * (OpenAI's `prompt_tokens` counts it), so the cached share is taken out and given apart.
 */
export function messageUsage(u: Usage | undefined): JsonObject {
  if (!u) return { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
  return { input_tokens: u.promptTokens - u.cachedTokens, output_tokens: u.completionTokens, cache_read_input_tokens: u.cachedTokens, cache_creation_input_tokens: 0 };
}

export function messageId(id: JsonValue | undefined): string {
  return typeof id === "string" && id.startsWith("msg_") ? id : `msg_${typeof id === "string" ? id : "atrium"}`;
}

/** A `chat.completion` as an Anthropic Message: content as a text block, `tool_calls` as `tool_use` blocks. */
export function messageOut(completion: JsonObject, usage: Usage | undefined): JsonObject {
  const choice = Array.isArray(completion["choices"]) && isObject(completion["choices"][0]) ? completion["choices"][0] : {};
  const message = isObject(choice["message"]) ? choice["message"] : {};
  const content: JsonObject[] = [];
  if (typeof message["content"] === "string" && message["content"] !== "") content.push({ type: "text", text: message["content"] });
  const calls = Array.isArray(message["tool_calls"]) ? message["tool_calls"] : [];
  for (const call of calls) {
    const fn = isObject(call) ? call["function"] : undefined;
    if (!isObject(call) || !isObject(fn)) continue;
    content.push({ type: "tool_use", id: String(call["id"]), name: String(fn["name"]), input: toolInput(fn["arguments"]) });
  }
  return {
    id: messageId(completion["id"]),
    type: "message",
    role: "assistant",
    model: typeof completion["model"] === "string" ? completion["model"] : "",
    content,
    stop_reason: stopReason(choice["finish_reason"]),
    stop_sequence: null,
    usage: messageUsage(usage),
  };
}

/** A tool call's `arguments` as the object Anthropic's `input` is; text that is not one is kept under `arguments`. */
export function toolInput(args: JsonValue | undefined): JsonObject {
  if (typeof args !== "string" || args === "") return {};
  try {
    const parsed: unknown = JSON.parse(args);
    if (isObject(parsed)) return parsed;
  } catch {
    // Falls through: a model's broken JSON is still handed to the client, not dropped.
  }
  return { arguments: args };
}
