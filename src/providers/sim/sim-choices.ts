import { GatewayError } from "../../core/errors.js";
import { isObject, type JsonObject, type JsonValue } from "../../core/json.js";
import { countTokens } from "../../metering/tokenizer.js";
import { hash32, simulatedWords } from "./sim-text.js";
import { valueForSchema } from "./sim-json-value.js";

export type FinishReason = "stop" | "length" | "tool_calls";

/** One choice of the simulated reply: its text (or a tool call's arguments) as the pieces a stream sends. */
export interface SimChoice {
  readonly index: number;
  readonly pieces: readonly string[];
  /** Set when the choice calls a tool: then `pieces` are its arguments, not content. */
  readonly toolCall: { readonly id: string; readonly name: string } | undefined;
  readonly finishReason: FinishReason;
  readonly completionTokens: number;
}

/**
 * The `n` choices a real model would give for this request, deterministically from the prompt:
 * a tool call when tools are offered (and not declined), JSON when `response_format` asks for
 * it, prose otherwise; each cut at `max_completion_tokens` / `max_tokens` as counted by the
 * tokenizer, so the usage reported never exceeds what the client allowed.
 */
export function simulatedChoices(body: JsonObject, prompt: string, model: string, chat: boolean): SimChoice[] {
  const n = typeof body["n"] === "number" ? body["n"] : 1;
  const limitRaw = body["max_completion_tokens"] ?? body["max_tokens"];
  const limit = typeof limitRaw === "number" ? limitRaw : undefined;
  const tool = chat ? chosenTool(body) : undefined;
  const format = chat && isObject(body["response_format"]) ? body["response_format"] : undefined;
  const out: SimChoice[] = [];
  for (let index = 0; index < n; index++) {
    // Choice 0 answers as a request without `n` would; the others vary with their index.
    const seed = index === 0 ? prompt : `${prompt}\u0000${index}`;
    let pieces: string[];
    if (tool) pieces = splitJson(JSON.stringify(valueForSchema(tool.parameters, `${seed}\u0000${tool.name}`)));
    else if (format?.["type"] === "json_schema") pieces = splitJson(JSON.stringify(valueForSchema(schemaOf(format), seed)));
    else if (format?.["type"] === "json_object") pieces = splitJson(JSON.stringify({ reply: simulatedWords(seed).join("").trim() }));
    else pieces = simulatedWords(seed);
    const kept = fit(pieces, limit, model);
    out.push({
      index,
      pieces: kept,
      toolCall: tool ? { id: `call_${hash32(`${seed}\u0000call`).toString(36)}${hash32(`${tool.name}\u0000${index}`).toString(36)}`, name: tool.name } : undefined,
      finishReason: kept.length < pieces.length ? "length" : tool ? "tool_calls" : "stop",
      completionTokens: countTokens(kept.join(""), model),
    });
  }
  return out;
}

interface Tool {
  readonly name: string;
  readonly parameters: JsonValue;
}

/**
 * The tool this turn calls, or undefined to answer in text. `tool_choice` "none" answers in text,
 * a named function calls it, "required" calls one; "auto" (the default) calls one unless the last
 * message is a tool's result, so that a client's tool loop ends with an answer.
 */
function chosenTool(body: JsonObject): Tool | undefined {
  const tools = (Array.isArray(body["tools"]) ? body["tools"] : []).flatMap((t): Tool[] => {
    const fn = isObject(t) && isObject(t["function"]) ? t["function"] : undefined;
    const name = fn?.["name"];
    return typeof name === "string" ? [{ name, parameters: fn?.["parameters"] ?? { type: "object", properties: {} } }] : [];
  });
  const choice = body["tool_choice"];
  if (tools.length === 0 || choice === "none") return undefined;
  if (isObject(choice)) {
    const wanted = isObject(choice["function"]) ? choice["function"]["name"] : undefined;
    const named = tools.find((t) => t.name === wanted);
    if (!named) {
      throw new GatewayError("invalid_request", `tool_choice names function ${String(wanted)}, which is not in tools (${tools.map((t) => t.name).join(", ")}).`, { param: "tool_choice" });
    }
    return named;
  }
  const messages = Array.isArray(body["messages"]) ? body["messages"] : [];
  const last = messages[messages.length - 1];
  if (choice !== "required" && isObject(last) && last["role"] === "tool") return undefined;
  return bestMatch(tools, isObject(last) ? JSON.stringify(last["content"] ?? "") : "");
}

/** The tool whose name shares the most words with the last message (get_weather ↔ "weather"); ties go to the first. */
function bestMatch(tools: readonly Tool[], text: string): Tool {
  const said = new Set(text.toLowerCase().split(/[^a-z0-9]+/));
  let best = tools[0] as Tool;
  let bestScore = 0;
  for (const t of tools) {
    const words = t.name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/);
    const score = words.filter((w) => w.length > 2 && said.has(w)).length;
    if (score > bestScore) [best, bestScore] = [t, score];
  }
  return best;
}

function schemaOf(format: JsonObject): JsonValue {
  const spec = isObject(format["json_schema"]) ? format["json_schema"] : {};
  const schema = spec["schema"];
  // A schema with no type is still meant to describe an object: response_format's root is one.
  return isObject(schema) ? (schema["type"] === undefined && schema["$ref"] === undefined ? { ...schema, type: "object" } : schema) : { type: "object", properties: {} };
}

/** JSON in pieces of a few characters, the way a model streams it (token by token). */
function splitJson(text: string): string[] {
  return text.match(/[\s\S]{1,6}/g) ?? [];
}

/** The longest prefix of `pieces` whose text fits in `limit` tokens (token counts grow with the prefix). */
function fit(pieces: string[], limit: number | undefined, model: string): string[] {
  if (limit === undefined || countTokens(pieces.join(""), model) <= limit) return pieces;
  let low = 0;
  let high = pieces.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (countTokens(pieces.slice(0, mid).join(""), model) <= limit) low = mid;
    else high = mid - 1;
  }
  return pieces.slice(0, low);
}
