import type { RequestContext } from "../core/context.js";
import { contentText, countChatTokens, countTokens } from "./tokenizer.js";

/** The request's prompt tokens by our tokenizer, computed once per request and cached on it. */
export function promptEstimate(ctx: RequestContext, model: string): number {
  if (ctx.promptTokenEstimate !== undefined) return ctx.promptTokenEstimate;
  const body = ctx.body;
  let tokens = 0;
  if (ctx.operation === "chat" && Array.isArray(body["messages"])) tokens = countChatTokens(body["messages"], model);
  else if (ctx.operation === "completions") tokens = countTokens(textOf(body["prompt"]), model);
  else if (ctx.operation === "embeddings") tokens = countTokens(textOf(body["input"]), model);
  ctx.promptTokenEstimate = tokens;
  return tokens;
}

function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? v : contentText(v))).join("\n");
  return "";
}
