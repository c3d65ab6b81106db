import type { RequestContext } from "../../core/context.js";
import { isObject } from "../../core/json.js";
import type { PromptMessage } from "../../audit/audit-record.js";

/**
 * The text of a request as the audit trail keeps it: one entry per chat message (text parts
 * joined, images and audio named, tool-call arguments kept), or the completion prompt(s) or
 * embedding input(s). A walk over the parsed body, no serialisation: the outbox serialises once.
 */
export function promptMessages(ctx: RequestContext): PromptMessage[] {
  const body = ctx.body;
  if (ctx.operation === "chat") {
    const messages = body["messages"];
    if (!Array.isArray(messages)) return [];
    const out: PromptMessage[] = [];
    for (const m of messages) {
      if (!isObject(m)) continue;
      const role = typeof m["role"] === "string" ? m["role"] : "unknown";
      out.push({ role, content: messageText(m) });
    }
    return out;
  }
  if (ctx.operation === "completions") return texts("prompt", body["prompt"]);
  if (ctx.operation === "embeddings") return texts("input", body["input"]);
  return [];
}

function messageText(m: Record<string, unknown>): string {
  let text = partsText(m["content"]);
  const calls = m["tool_calls"];
  if (Array.isArray(calls)) {
    for (const call of calls) {
      const fn = isObject(call) ? call["function"] : undefined;
      if (isObject(fn)) text += `${text ? "\n" : ""}[tool call ${String(fn["name"] ?? "")}] ${typeof fn["arguments"] === "string" ? fn["arguments"] : ""}`;
    }
  }
  return text;
}

function partsText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  const parts: string[] = [];
  for (const part of content) {
    if (!isObject(part)) continue;
    if (typeof part["text"] === "string") parts.push(part["text"]);
    // Binary inputs are not text to redact; say they were there without copying them.
    else if (typeof part["type"] === "string") parts.push(`[${part["type"]}]`);
  }
  return parts.join("\n");
}

function texts(role: string, value: unknown): PromptMessage[] {
  if (typeof value === "string") return [{ role, content: value }];
  if (!Array.isArray(value)) return [];
  const out: PromptMessage[] = [];
  for (const item of value) {
    if (typeof item === "string") out.push({ role, content: item });
    else if (Array.isArray(item) || typeof item === "number") {
      // Token ids: not text; one entry says how many rather than copying them.
      out.push({ role, content: `[${Array.isArray(item) ? item.length : value.length} token ids]` });
      if (typeof item === "number") break;
    }
  }
  return out;
}
