import { GatewayError } from "../../core/errors.js";
import { isObject, type JsonObject, type JsonValue } from "../../core/json.js";

/**
 * An Anthropic Messages request as the internal (OpenAI chat completions) body, so that every
 * policy and provider serves it unchanged: `system` becomes a system message, `tool_result` blocks
 * become `tool` messages (ahead of the rest of their user turn, as Anthropic orders them),
 * `tool_use` blocks become `tool_calls`, image blocks `image_url` parts. `max_tokens` is required
 * there as here. Blocks with no chat counterpart (documents, server tools) are refused by name;
 * `thinking` and `top_k` are hints without one, and are dropped.
 */
export function messagesIn(body: unknown, forCount = false): JsonObject {
  if (!isObject(body)) throw invalid("The request body must be a JSON object.", undefined);
  if (typeof body["model"] !== "string" || body["model"] === "") throw invalid("model: Field required", "model");
  if (!Array.isArray(body["messages"])) throw invalid("messages: Field required", "messages");
  const out: JsonObject = { model: body["model"] };
  const messages: JsonObject[] = [];
  const system = body["system"];
  if (system !== undefined && system !== null) messages.push({ role: "system", content: typeof system === "string" ? system : textOf(system, "system") });
  body["messages"].forEach((m, i) => messages.push(...turn(m, `messages.${i}`)));
  out["messages"] = messages;
  if (!forCount) {
    if (typeof body["max_tokens"] !== "number") throw invalid("max_tokens: Field required", "max_tokens");
    out["max_tokens"] = body["max_tokens"];
  }
  for (const name of ["temperature", "top_p", "stream"] as const) if (body[name] !== undefined) out[name] = body[name];
  if (Array.isArray(body["stop_sequences"]) && body["stop_sequences"].length > 0) out["stop"] = body["stop_sequences"];
  if (Array.isArray(body["tools"]) && body["tools"].length > 0) out["tools"] = body["tools"].map(tool);
  const choice = body["tool_choice"];
  if (isObject(choice)) {
    if (choice["type"] === "any") out["tool_choice"] = "required";
    else if (choice["type"] === "tool") out["tool_choice"] = { type: "function", function: { name: String(choice["name"]) } };
    else if (choice["type"] === "none" || choice["type"] === "auto") out["tool_choice"] = choice["type"];
    if (choice["disable_parallel_tool_use"] === true) out["parallel_tool_calls"] = false;
  }
  const metadata = body["metadata"];
  if (isObject(metadata) && typeof metadata["user_id"] === "string") out["user"] = metadata["user_id"];
  return out;
}

function turn(m: JsonValue, at: string): JsonObject[] {
  if (!isObject(m) || (m["role"] !== "user" && m["role"] !== "assistant")) throw invalid(`${at}.role: must be user or assistant`, `${at}.role`);
  const content = m["content"];
  if (typeof content === "string") return [{ role: m["role"], content }];
  if (!Array.isArray(content)) throw invalid(`${at}.content: must be a string or a list of blocks`, `${at}.content`);
  const results: JsonObject[] = [];
  const parts: JsonObject[] = [];
  const calls: JsonObject[] = [];
  content.forEach((block, j) => {
    const p = `${at}.content.${j}`;
    if (!isObject(block)) throw invalid(`${p}: must be a content block`, p);
    switch (block["type"]) {
      case "text":
        parts.push({ type: "text", text: String(block["text"] ?? "") });
        return;
      case "image":
        parts.push({ type: "image_url", image_url: { url: imageUrl(block["source"], p) } });
        return;
      case "tool_use":
        calls.push({ id: String(block["id"]), type: "function", function: { name: String(block["name"]), arguments: JSON.stringify(block["input"] ?? {}) } });
        return;
      case "tool_result":
        results.push({ role: "tool", tool_call_id: String(block["tool_use_id"]), content: block["content"] === undefined ? "" : textOf(block["content"], `${p}.content`) });
        return;
      case "thinking":
      case "redacted_thinking":
        return;
      default:
        throw unsupported(`content blocks of type ${String(block["type"]).slice(0, 40)}`, p);
    }
  });
  if (m["role"] === "assistant") {
    const reply: JsonObject = { role: "assistant", content: parts.length === 0 ? null : parts.map((x) => x["text"] as string).join("") };
    if (parts.some((x) => x["type"] !== "text")) throw unsupported("images in assistant turns", `${at}.content`);
    if (calls.length > 0) reply["tool_calls"] = calls;
    return [reply];
  }
  return parts.length > 0 ? [...results, { role: "user", content: parts }] : results;
}

function tool(t: JsonValue, i: number): JsonObject {
  if (!isObject(t) || typeof t["name"] !== "string" || (t["type"] !== undefined && t["type"] !== "custom")) {
    throw unsupported("server tools (only client tools with a name and input_schema)", `tools.${i}`);
  }
  const fn: JsonObject = { name: t["name"], parameters: isObject(t["input_schema"]) ? t["input_schema"] : { type: "object", properties: {} } };
  if (typeof t["description"] === "string") fn["description"] = t["description"];
  return { type: "function", function: fn };
}

function imageUrl(source: JsonValue | undefined, at: string): string {
  if (isObject(source) && source["type"] === "base64" && typeof source["media_type"] === "string" && typeof source["data"] === "string") {
    return `data:${source["media_type"]};base64,${source["data"]}`;
  }
  if (isObject(source) && source["type"] === "url" && typeof source["url"] === "string") return source["url"];
  throw unsupported("image sources other than base64 and url", `${at}.source`);
}

/** Text blocks (a system prompt, a tool result) as one string. */
function textOf(value: JsonValue, at: string): string {
  if (typeof value === "string") return value;
  if (!Array.isArray(value)) throw invalid(`${at}: must be a string or a list of text blocks`, at);
  return value
    .map((b, i) => {
      if (!isObject(b) || b["type"] !== "text") throw unsupported("blocks other than text here", `${at}.${i}`);
      return String(b["text"] ?? "");
    })
    .join("\n");
}

function invalid(message: string, param: string | undefined): GatewayError {
  return new GatewayError("invalid_request", message, { param });
}

function unsupported(feature: string, param: string | undefined): GatewayError {
  return new GatewayError("invalid_request", `The Messages surface does not support ${feature}.`, { param });
}
