import type { RequestContext } from "../../core/context.js";

/**
 * Completion tokens a request may produce, reserved before it runs: `max_completion_tokens`
 * or `max_tokens`, else the default (tier `defaultMaxTokens`, else `limits.defaultMaxTokens`),
 * times the choices generated (`n`, and `best_of` for completions). Embeddings and passthrough
 * routes produce none.
 *
 * `defaultCapTokens` bounds the default only: a request that set no max_tokens must not be
 * refused as "too large" for a number the gateway chose (a 1k-per-minute grant with a 1024
 * default would refuse every such request). What it really uses is charged at the end anyway.
 */
export function completionAllowance(ctx: RequestContext, defaultMaxTokens: number, defaultCapTokens = Infinity): number {
  if (ctx.operation === "embeddings" || ctx.operation === "passthrough") return 0;
  const body = ctx.body;
  // validate-body has checked these are positive integers when present.
  const asked = body["max_completion_tokens"] ?? body["max_tokens"];
  const n = typeof body["n"] === "number" ? body["n"] : 1;
  const bestOf = ctx.operation === "completions" && typeof body["best_of"] === "number" ? body["best_of"] : 1;
  const choices = Math.max(1, n, bestOf);
  if (typeof asked === "number") return asked * choices;
  return Math.max(0, Math.min(defaultMaxTokens * choices, defaultCapTokens));
}
