import { isObject, type JsonObject, type JsonValue } from "../../core/json.js";
import { invalid, unsupported } from "./message-content.js";

/** OpenAI function tools as Anthropic tools: `parameters` is the `input_schema`. */
export function tools(list: JsonValue): JsonObject[] {
  if (!Array.isArray(list)) throw invalid("`tools` must be an array.", "tools");
  return list.map((tool, i) => {
    const at = `tools[${i}]`;
    if (!isObject(tool) || tool["type"] !== "function") throw unsupported(`tools other than functions`, `${at}.type`);
    const fn = tool["function"];
    if (!isObject(fn) || typeof fn["name"] !== "string") throw invalid(`\`${at}.function.name\` must be a string.`, `${at}.function.name`);
    const out: JsonObject = { name: fn["name"] };
    if (typeof fn["description"] === "string") out["description"] = fn["description"];
    out["input_schema"] = isObject(fn["parameters"]) ? fn["parameters"] : { type: "object", properties: {} };
    return out;
  });
}

/**
 * `tool_choice`: auto, none, required (Anthropic's `any`) or one named function (`tool`);
 * `parallel_tool_calls: false` is Anthropic's `disable_parallel_tool_use`.
 */
export function toolChoice(choice: JsonValue | undefined, parallel: JsonValue | undefined): JsonObject | undefined {
  let out: JsonObject | undefined;
  if (choice === "auto") out = { type: "auto" };
  else if (choice === "none") out = { type: "none" };
  else if (choice === "required") out = { type: "any" };
  else if (isObject(choice)) {
    const fn = choice["function"];
    if (!isObject(fn) || typeof fn["name"] !== "string") throw invalid("`tool_choice.function.name` must be a string.", "tool_choice");
    out = { type: "tool", name: fn["name"] };
  } else if (choice !== undefined && choice !== null) throw invalid("`tool_choice` must be auto, none, required or a function.", "tool_choice");
  if (parallel === false) {
    out ??= { type: "auto" };
    if (out["type"] !== "none") out["disable_parallel_tool_use"] = true;
  }
  return out;
}
