import { isObject, type JsonObject, type JsonValue } from "../../core/json.js";
import { contentBlocks, invalid, textOf, unsupported } from "./message-content.js";
import { toolChoice, tools } from "./message-tools.js";

/**
 * Anthropic requires `max_tokens`; OpenAI clients mostly send none. 4096 is what every current
 * Claude model accepts as output, so a request without a limit behaves like one with a long one.
 */
export const DEFAULT_MAX_TOKENS = 4096;

/** The `anthropic-version` from which `temperature`, `top_p` and `top_k` are no longer accepted. */
const SAMPLING_REMOVED = "2026-10-21";

/**
 * An OpenAI chat completions body as an Anthropic Messages body. System and developer messages
 * become `system`; tool results become `tool_result` blocks in a user turn; turns of the same role
 * next to each other are merged, since Anthropic alternates user and assistant. Fields with no
 * Anthropic counterpart that change the answer's shape (`n` > 1, `logprobs`, JSON modes) are
 * refused by name; sampling hints it lacks (penalties, `seed`) are dropped.
 */
export function messagesRequest(body: JsonObject, model: string, stream: boolean, version: string): JsonObject {
  if (typeof body["n"] === "number" && body["n"] > 1) throw unsupported("n > 1 (several choices)", "n");
  if (body["logprobs"] === true) throw unsupported("logprobs", "logprobs");
  const format = body["response_format"];
  if (isObject(format) && format["type"] !== "text") throw unsupported(`response_format ${String(format["type"]).slice(0, 40)}`, "response_format");
  const out: JsonObject = { model };
  const system: string[] = [];
  out["messages"] = turns(body["messages"], system);
  if (system.length > 0) out["system"] = system.join("\n\n");
  const limit = body["max_completion_tokens"] ?? body["max_tokens"];
  out["max_tokens"] = typeof limit === "number" ? limit : DEFAULT_MAX_TOKENS;
  // API version 2026-10-21 removed the sampling parameters: a request that sends them is refused.
  if (version < SAMPLING_REMOVED) {
    if (typeof body["temperature"] === "number") out["temperature"] = body["temperature"];
    if (typeof body["top_p"] === "number") out["top_p"] = body["top_p"];
  }
  const stop = body["stop"];
  if (typeof stop === "string") out["stop_sequences"] = [stop];
  else if (Array.isArray(stop) && stop.length > 0) out["stop_sequences"] = stop;
  if (body["tools"] !== undefined && body["tools"] !== null) out["tools"] = tools(body["tools"]);
  const choice = toolChoice(body["tool_choice"], body["parallel_tool_calls"]);
  if (choice) out["tool_choice"] = choice;
  if (typeof body["user"] === "string") out["metadata"] = { user_id: body["user"] };
  if (stream) out["stream"] = true;
  return out;
}

interface Turn {
  role: "user" | "assistant";
  content: JsonObject[];
}

function turns(messages: JsonValue | undefined, system: string[]): JsonValue[] {
  const out: Turn[] = [];
  const push = (role: Turn["role"], blocks: JsonObject[]): void => {
    if (blocks.length === 0) return;
    const last = out.at(-1);
    if (last && last.role === role) last.content.push(...blocks);
    else out.push({ role, content: blocks });
  };
  const list = Array.isArray(messages) ? messages : [];
  list.forEach((m, i) => {
    const at = `messages[${i}]`;
    if (!isObject(m)) throw invalid(`\`${at}\` must be an object.`, at);
    switch (m["role"]) {
      case "system":
      case "developer":
        system.push(textOf(m["content"], `${at}.content`));
        return;
      case "user":
        return push("user", contentBlocks(m["content"], `${at}.content`));
      case "assistant":
        return push("assistant", [...contentBlocks(m["content"], `${at}.content`), ...toolUses(m["tool_calls"], at)]);
      case "tool":
        return push("user", [toolResult(m, at)]);
      default:
        throw unsupported(`messages with role ${String(m["role"]).slice(0, 20)}`, `${at}.role`);
    }
  });
  // A single text block is sent as a plain string, as most clients of the Messages API write it.
  return out.map((t) => ({ role: t.role, content: t.content.length === 1 && t.content[0]?.["type"] === "text" ? (t.content[0]["text"] as string) : t.content }));
}

function toolUses(calls: JsonValue | undefined, at: string): JsonObject[] {
  if (calls === undefined || calls === null) return [];
  if (!Array.isArray(calls)) throw invalid(`\`${at}.tool_calls\` must be an array.`, `${at}.tool_calls`);
  return calls.map((call, j) => {
    const p = `${at}.tool_calls[${j}]`;
    const fn = isObject(call) ? call["function"] : undefined;
    if (!isObject(call) || typeof call["id"] !== "string" || !isObject(fn) || typeof fn["name"] !== "string") {
      throw invalid(`\`${p}\` must have an id and a function name.`, p);
    }
    return { type: "tool_use", id: call["id"], name: fn["name"], input: toolInput(fn["arguments"], `${p}.function.arguments`) };
  });
}

function toolInput(args: JsonValue | undefined, param: string): JsonObject {
  if (args === undefined || args === null || args === "") return {};
  let parsed: unknown;
  try {
    parsed = typeof args === "string" ? JSON.parse(args) : args;
  } catch {
    throw invalid(`\`${param}\` must be a JSON object in a string.`, param);
  }
  if (!isObject(parsed)) throw invalid(`\`${param}\` must be a JSON object in a string.`, param);
  return parsed;
}

function toolResult(m: JsonObject, at: string): JsonObject {
  const id = m["tool_call_id"];
  if (typeof id !== "string" || id === "") throw invalid(`\`${at}.tool_call_id\` must name the tool call it answers.`, `${at}.tool_call_id`);
  return { type: "tool_result", tool_use_id: id, content: textOf(m["content"], `${at}.content`) };
}
