import * as cl100k from "gpt-tokenizer/encoding/cl100k_base";
import * as o200k from "gpt-tokenizer/encoding/o200k_base";

/** The encoding a model family uses; unknown models count with cl100k, the GPT-3.5/4 default. */
export function encodingFor(model: string): typeof cl100k {
  return /^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|chatgpt-4o)/i.test(model) ? o200k : cl100k;
}

export function countTokens(text: string, model: string): number {
  return text.length === 0 ? 0 : encodingFor(model).countTokens(text);
}

/**
 * Prompt tokens of a chat request the way OpenAI bills them: every message costs its content plus
 * a fixed frame (3 tokens, plus 1 for a name) and the reply is primed with 3 more.
 */
export function countChatTokens(messages: readonly unknown[], model: string): number {
  let total = 3;
  for (const m of messages) {
    total += 3;
    if (typeof m !== "object" || m === null) continue;
    const msg = m as Record<string, unknown>;
    total += countTokens(contentText(msg["content"]), model);
    if (typeof msg["name"] === "string") total += 1 + countTokens(msg["name"], model);
    if (msg["tool_calls"] !== undefined) total += countTokens(JSON.stringify(msg["tool_calls"]), model);
  }
  return total;
}

/** The text of a message's content: a string, or the text parts of a content array. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let out = "";
  for (const part of content) {
    if (typeof part === "object" && part !== null) {
      const text = (part as Record<string, unknown>)["text"];
      if (typeof text === "string") out += text;
    }
  }
  return out;
}
